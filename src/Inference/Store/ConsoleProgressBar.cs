namespace InteractionLab.Inference.Store;

/// <summary>Draws one progress line per file on a terminal ("\r" redraws), at most ten times a second.</summary>
internal sealed class ConsoleProgressBar(TextWriter output) : IProgress<PullProgress>
{
    private string? _file;
    private long _lastDraw;

    public void Report(PullProgress value)
    {
        var now = Environment.TickCount64;
        var done = value.Total is { } t && value.Received >= t;
        if (value.File == _file && !done && now - _lastDraw < 100)
        {
            return;
        }

        if (_file is not null && value.File != _file)
        {
            output.WriteLine();
        }

        _file = value.File;
        _lastDraw = now;
        var fraction = value.Total is > 0 ? Math.Min(1.0, (double)value.Received / value.Total.Value) : 0;
        var bar = new string('#', (int)(fraction * 30)).PadRight(30);
        var size = value.Total is { } total ? $"{Mb(value.Received)}/{Mb(total)} MB" : $"{Mb(value.Received)} MB";
        output.Write($"\r{value.File,-40} [{bar}] {fraction,4:P0} {size}{(value.Resumed ? " (resumed)" : "")}   ");
    }

    public void Finish() => output.WriteLine();

    private static string Mb(long bytes) => (bytes / 1048576.0).ToString("0.0", System.Globalization.CultureInfo.InvariantCulture);
}
