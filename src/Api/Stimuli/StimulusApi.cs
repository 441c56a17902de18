using System.Security.Claims;
using System.Text;
using InteractionLab.Api.Staff;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace InteractionLab.Api.Stimuli;

/// <summary>
/// Stimulus sets under <c>/api/v1/admin/stimuli</c>, for researchers: the demo and uploaded sets, one set's items,
/// uploading a file (parsed by its kind's format; refused whole with every problem by line, or as a duplicate),
/// renaming and deleting.
/// </summary>
public static class StimulusApi
{
    /// <summary>Multipart field of the file.</summary>
    public const string FileField = "file";

    /// <summary>Maps the endpoints.</summary>
    public static IEndpointRouteBuilder MapStimulusApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/v1/admin/stimuli").WithTags("Stimuli").RequireAuthorization(StaffPolicies.Researcher);
        api.MapGet("/", async (string? kind, StimulusStore store, CancellationToken ct) =>
                TypedResults.Ok(await store.ListAsync(string.IsNullOrWhiteSpace(kind) ? null : kind.Trim(), ct)))
            .WithName("ListStimulusSets").WithSummary("Demo and uploaded stimulus sets (?kind= for one kind), with their item counts.");
        api.MapGet("/{key}", async (string key, StimulusStore store, CancellationToken ct) =>
                TypedResults.Ok(await store.GetAsync(key, ct) ?? throw new PlatformProblemException(404, "Stimulus set not found", $"There is no stimulus set '{key}'.")))
            .WithName("GetStimulusSet").WithSummary("One set with its normalised items.")
            .ProducesProblem(StatusCodes.Status404NotFound);
        api.MapPost("/", UploadAsync)
            .WithName("UploadStimulusSet")
            .WithSummary("Uploads a stimulus file (multipart fields 'name', 'kind', 'file'); 201 with the new set, or 400 with the problems keyed by line.")
            .Accepts<IFormFile>("multipart/form-data")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            // The staff cookie is SameSite=Strict, so a cross-site post arrives without it and is refused as anonymous.
            .DisableAntiforgery();
        api.MapPatch("/{key}", async (string key, StimulusSetRename body, ClaimsPrincipal user, StimulusStore store, CancellationToken ct) =>
                TypedResults.Ok(await store.RenameAsync(user, key, body.Name ?? "", ct)))
            .WithName("RenameStimulusSet").WithSummary("Renames an uploaded set ({\"name\": …}); its key stays. Uploader or admin; audited.")
            .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound);
        api.MapDelete("/{key}", async (string key, ClaimsPrincipal user, StimulusStore store, CancellationToken ct) =>
            {
                await store.DeleteAsync(user, key, ct);
                return TypedResults.NoContent();
            })
            .WithName("DeleteStimulusSet").WithSummary("Deletes an uploaded set that no study version reads (409 naming them otherwise). Uploader or admin; audited.")
            .ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        return app;
    }

    private static async Task<Created<StimulusSetSummary>> UploadAsync(HttpRequest request, ClaimsPrincipal user, StimulusStore store, CancellationToken ct)
    {
        if (request.ContentLength > StimulusStore.MaxFileBytes + 64 * 1024) throw TooLarge();
        if (!request.HasFormContentType)
            throw PlatformProblemException.BadInput($"Send the set as multipart/form-data with the fields 'name', 'kind' and '{FileField}'.");
        IFormCollection form;
        try
        {
            form = await request.ReadFormAsync(ct);
        }
        catch (InvalidDataException)
        {
            throw TooLarge();
        }
        var file = form.Files.GetFile(FileField)
            ?? throw PlatformProblemException.BadInput($"Attach the stimulus file in the form field '{FileField}'.");
        if (file.Length > StimulusStore.MaxFileBytes) throw TooLarge();
        string content;
        using (var reader = new StreamReader(file.OpenReadStream(), new UTF8Encoding(false, throwOnInvalidBytes: true)))
        {
            try { content = await reader.ReadToEndAsync(ct); }
            catch (DecoderFallbackException) { throw PlatformProblemException.BadInput($"'{file.FileName}' is not UTF-8 text. Save it as UTF-8 and upload it again."); }
        }
        var summary = await store.UploadAsync(user, form["name"].ToString(), form["kind"].ToString().Trim(), Path.GetFileName(file.FileName), content, ct);
        return TypedResults.Created($"/api/v1/admin/stimuli/{Uri.EscapeDataString(summary.Key)}", summary);
    }

    private static PlatformProblemException TooLarge() =>
        new(413, "File too large", $"Stimulus files are limited to {StimulusStore.MaxFileBytes / 1024 / 1024} MB.");
}
