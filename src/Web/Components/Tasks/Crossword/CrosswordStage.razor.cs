using InteractionLab.Api.Tasks;
using InteractionLab.Api.Tasks.Crossword;
using InteractionLab.Domain.Metrics;
using InteractionLab.Domain.Studies;
using InteractionLab.Web.Components.Tasks;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Web;
using Microsoft.Extensions.Logging;

namespace InteractionLab.Web.Components.Tasks.Crossword;

/// <summary>
/// The crossword task's participant page: the grid, the clue lists, check / reveal / reset, the AI teammate and
/// the way out (solved or give up). Every change updates the page first and is then recorded; records are written
/// one after another in the order the participant acted, so a reload (which replays them) shows the same grid.
/// </summary>
public partial class CrosswordStage
{
    private enum Confirm { GiveUp, Reset }

    /// <summary>The stage, as the participant session hands it over.</summary>
    [Parameter, EditorRequired] public TaskStageContext Context { get; set; } = null!;

    [Inject] private ILogger<CrosswordStage> Log { get; set; } = null!;



    private CrosswordGrid? grid;
    private CrosswordBoard? board;
    private int row, column;
    private ClueDirection direction = ClueDirection.Across;
    private string? lastSelected;
    private Confirm? confirming;
    private string? problem, saveError;
    private string announcement = "";
    private Task recording = Task.CompletedTask;

    private bool Locked => Context.Disabled || grid is null || grid.GaveUp || grid.Solved;
    private bool AllowCheck => Context.Session.Task.BoolSetting(CrosswordTask.AllowCheckSetting, true);
    private bool AllowReveal => Context.Session.Task.BoolSetting(CrosswordTask.AllowRevealSetting, true);

    private CrosswordPuzzleClue? Clue =>
        grid?.Puzzle.ClueAt(row, column, direction) ?? grid?.Puzzle.ClueAt(row, column, Other(direction));

    /// <inheritdoc />
    protected override async Task OnInitializedAsync()
    {
        var set = await Context.Session.StimuliAsync();
        var puzzles = set?.Kind == CrosswordPuzzleFormat.SetKind ? set.ItemsAs<CrosswordPuzzle>() : [];
        if (puzzles.Count == 0)
        {
            problem = "This step has no crossword puzzle. Please contact the researchers.";
            return;
        }
        var events = await Context.Session.ReadEventsAsync();
        var start = events.FirstOrDefault(e => e.Type == CrosswordEvents.Start)?.As<CrosswordStartPayload>();
        var index = Math.Clamp(start?.Puzzle ?? Context.Session.ItemOrder(puzzles.Count)[0], 0, puzzles.Count - 1);
        var restored = CrosswordGrid.Replay(puzzles[index], events);
        var clue = restored.Puzzle.Clue(restored.SelectedClue) ?? restored.Puzzle.Clues[0];
        (row, column) = clue.Cells().FirstOrDefault(c => restored.LetterAt(c.Row, c.Column) is null, clue.Cells().First());
        direction = clue.Direction;
        lastSelected = restored.SelectedClue;
        grid = restored;
        if (start is null) await SaveAsync(CrosswordEvents.Start, new CrosswordStartPayload(index, restored.Puzzle.Title));
    }

    private async Task KeyAsync(KeyboardEventArgs e)
    {
        if (Locked || e.CtrlKey || e.AltKey || e.MetaKey) return;
        switch (e.Key)
        {
            case "ArrowLeft": await MoveAsync(0, -1); break;
            case "ArrowRight": await MoveAsync(0, 1); break;
            case "ArrowUp": await MoveAsync(-1, 0); break;
            case "ArrowDown": await MoveAsync(1, 0); break;
            case " " or "Enter": await ToggleAsync(); break;
            case "Backspace": await BackspaceAsync(); break;
            case "Delete": await SetAsync(row, column, null); break;
            case { Length: 1 } key when char.IsLetter(key[0]): await TypeAsync(key[0]); break;
        }
    }

    private async Task TypeAsync(char letter)
    {
        var (r, c) = (row, column);
        var changed = grid!.Set(r, c, letter);
        if (Clue is { } clue && clue.PositionOf(r, c) < clue.Length - 1)
            (row, column) = clue.Cells().ElementAt(clue.PositionOf(r, c) + 1);
        if (changed) await SaveCellAsync(r, c);
    }

    private async Task BackspaceAsync()
    {
        if (grid!.LetterAt(row, column) is null && Clue is { } clue && clue.PositionOf(row, column) > 0)
            (row, column) = clue.Cells().ElementAt(clue.PositionOf(row, column) - 1);
        await SetAsync(row, column, null);
    }

    private async Task SetAsync(int r, int c, char? letter)
    {
        if (grid!.Set(r, c, letter)) await SaveCellAsync(r, c);
    }

    private async Task SaveCellAsync(int r, int c)
    {
        await SaveAsync(CrosswordEvents.Cell, new CrosswordCellPayload(r, c, grid!.LetterAt(r, c)?.ToString() ?? ""));
        await SolvedCheckAsync();
    }

    // Arrows across the current direction first turn to that direction (as in printed-puzzle apps), then move.
    private async Task MoveAsync(int dr, int dc)
    {
        var axis = dc != 0 ? ClueDirection.Across : ClueDirection.Down;
        if (direction != axis && grid!.Puzzle.ClueAt(row, column, axis) is not null)
        {
            direction = axis;
        }
        else
        {
            for (var (r, c) = (row + dr, column + dc); r >= 0 && c >= 0 && r < grid!.Puzzle.Rows && c < grid.Puzzle.Columns; r += dr, c += dc)
            {
                if (!grid.Puzzle.IsWhite(r, c)) continue;
                (row, column) = (r, c);
                break;
            }
        }
        await SelectionAsync();
    }

    private async Task ToggleAsync()
    {
        if (grid!.Puzzle.ClueAt(row, column, Other(direction)) is not null) direction = Other(direction);
        await SelectionAsync();
    }

    private async Task CellClickAsync((int Row, int Column) cell)
    {
        if (Locked) return;
        if (cell == (row, column))
        {
            await ToggleAsync();
            return;
        }
        (row, column) = cell;
        await SelectionAsync();
    }

    private async Task ClueClickAsync(CrosswordPuzzleClue clue)
    {
        direction = clue.Direction;
        (row, column) = clue.Cells().FirstOrDefault(c => grid!.LetterAt(c.Row, c.Column) is null, clue.Cells().First());
        if (board is not null) await board.FocusAsync();
        await SelectionAsync();
    }

    // A clue selection is recorded when the answer being filled changes, whatever moved the cursor.
    private async Task SelectionAsync()
    {
        if (Clue is not { } clue || clue.Id == lastSelected) return;
        direction = clue.Direction;
        lastSelected = clue.Id;
        grid!.SelectedClue = clue.Id;
        announcement = $"{clue.Label}: {clue.Text}";
        await SaveAsync(CrosswordEvents.Select, new CrosswordSelectPayload(clue.Id));
    }

    private async Task CheckAsync(string scope)
    {
        var wrong = grid!.Check(grid.CellsOf(scope, Clue?.Id, row, column));
        announcement = wrong.Count == 0 ? "No wrong letters (empty squares are not checked)." : $"{wrong.Count} wrong letter(s), struck through.";
        await SaveAsync(CrosswordEvents.Check, Scope(scope) with { WrongCells = wrong });
    }

    private async Task RevealAsync(string scope)
    {
        grid!.Reveal(grid.CellsOf(scope, Clue?.Id, row, column));
        announcement = scope == CrosswordEvents.PuzzleScope ? "The whole puzzle is revealed." : $"Revealed the {(scope == CrosswordEvents.WordScope ? "word" : "square")}.";
        await SaveAsync(CrosswordEvents.Reveal, Scope(scope));
        await SolvedCheckAsync();
    }

    private CrosswordScopePayload Scope(string scope) => scope switch
    {
        CrosswordEvents.WordScope => new(scope, Clue: Clue?.Id),
        CrosswordEvents.CellScope => new(scope, Row: row, Col: column),
        _ => new(scope),
    };

    // Completing is recorded the moment every square is right, whether or not the participant then says so; the
    // payload says how many squares were revealed on the way (solved by the participant only when none).
    private async Task SolvedCheckAsync()
    {
        if (grid!.Solved || !grid.IsCorrect) return;
        grid.MarkSolved();
        announcement = grid.SolvedByParticipant ? "Solved! Every square is right." : $"Complete. {grid.RevealedSquares.Count} squares were revealed.";
        await SaveAsync(CrosswordEvents.Solved, new CrosswordSolvedPayload(grid.RevealedSquares.Count));
    }

    private async Task SolvedAsync()
    {
        await SolvedCheckAsync();
        if (grid!.Solved) await Context.FinishAsync();
    }

    private async Task ConfirmAsync()
    {
        var confirmed = confirming;
        confirming = null;
        if (confirmed == Confirm.Reset)
        {
            grid!.Reset();
            announcement = "The grid is empty.";
            await SaveAsync(CrosswordEvents.Reset, new { });
            return;
        }
        if (!grid!.GaveUp)
        {
            grid.MarkGaveUp();
            await SaveAsync(CrosswordEvents.GiveUp, new { });
        }
        // Recorded first: the server only lets the stage end once it has the give-up.
        if (saveError is null) await Context.FinishAsync();
    }

    private Task AskingAsync(string question) => SaveAsync(CrosswordEvents.Ask, new CrosswordAskPayload(Clue?.Id, question.Length));

    private TaskPrompt PromptFor(string question, IReadOnlyList<(bool IsUser, string Text)> history)
    {
        var instructions = Context.Session.Task.Setting(CrosswordTask.TeammatePromptSetting, CrosswordTask.DefaultTeammatePrompt);
        var clue = Clue;
        var situation = clue is null ? "" :
            $"\n\nThe participant is on {clue.Label}: \"{clue.Text}\" ({clue.Length} letters). Letters so far: {grid!.Pattern(clue)} (_ marks an empty square).";
        return new TaskPrompt(clue?.Id, question, PromptStyle.Chat, instructions + situation, history);
    }

    // Records are chained so they reach the database in the order the participant acted, while the page has
    // already shown the change; the caller waits for its own record (and sees its failure).
    private async Task SaveAsync(string type, object payload)
    {
        var previous = recording;
        var next = AfterAsync(previous, type, payload);
        recording = next;
        try
        {
            await next;
            saveError = null;
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            Log.LogError(e, "Recording {Type} of session {Session} failed", type, Context.Session.Session);
            saveError = "Your last change could not be saved. Check your connection; if this keeps happening, reload the page.";
        }
    }

    private async Task AfterAsync(Task previous, string type, object payload)
    {
        try
        {
            await previous;
        }
        catch (Exception)
        {
            // Reported to the handler that waited for it; later records still go ahead.
        }
        await Context.Session.RecordAsync(type, payload);
    }

    private static ClueDirection Other(ClueDirection d) => d == ClueDirection.Across ? ClueDirection.Down : ClueDirection.Across;
}
