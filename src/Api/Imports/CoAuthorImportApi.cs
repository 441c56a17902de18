using System.Security.Claims;
using InteractionLab.Api.ApiKeys;
using InteractionLab.Api.Staff;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace InteractionLab.Api.Imports;

/// <summary>
/// <c>POST /api/v1/studies/{id}/imports/coauthor</c>: multipart/form-data with one or many CoAuthor .jsonl files, or a
/// .zip of them with the data set's <c>session.txt</c>, in the field <c>files</c>; answers per log what became of it,
/// the session, the events stored, the unreadable lines and the replay check. A researcher's staff cookie (for a study they manage) or an API key with the <c>import</c> scope.
/// </summary>
public static class CoAuthorImportApi
{
    /// <summary>The scheme that authenticates an import request by API key when one is sent, else by the staff cookie.</summary>
    public const string Scheme = StaffOrApiKey.Scheme;
    /// <summary>The multipart field that carries the files.</summary>
    public const string FilesField = "files";

    /// <summary>Registers the import service, the cookie-or-key scheme and <see cref="ApiKeyScopes.ImportPolicy"/>.</summary>
    public static IHostApplicationBuilder AddCoAuthorImport(this IHostApplicationBuilder builder)
    {
        builder.Services.AddScoped<CoAuthorImportService>();
        builder.Services.AddStaffOrApiKeyScheme();
        return builder;
    }

    /// <summary>Maps the endpoint.</summary>
    public static IEndpointRouteBuilder MapCoAuthorImportApi(this IEndpointRouteBuilder app)
    {
        app.MapPost("/api/v1/studies/{id:guid}/imports/coauthor", ImportAsync)
            .WithTags("Imports").WithName("ImportCoAuthor")
            .WithSummary("Imports CoAuthor JSONL traces (multipart field 'files': one .jsonl per session or a .zip of them, with the data set's session.txt and optionally session_ids.txt; at most 50 files and 20 MB) as completed sessions in the condition of their model; answers per log its status (imported / already imported / not imported), session id, source session id, events stored, unreadable lines with the reason, and the replay check of every logged document and sentence (match / mismatch / error / not checked).")
            .Accepts<IFormFileCollection>("multipart/form-data")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .RequireAuthorization(ApiKeyScopes.ImportPolicy)
            // No antiforgery token: the API key travels in a header a cross-site form cannot set, and the staff cookie
            // is SameSite=Strict, so a cross-site post arrives without it and is refused as anonymous.
            .DisableAntiforgery();
        return app;
    }

    private static async Task<Ok<CoAuthorImportReport>> ImportAsync(Guid id, HttpRequest request, ClaimsPrincipal user, CoAuthorImportService imports, CancellationToken ct)
    {
        // Refused before the body is read when the client says how big it is.
        if (request.ContentLength > CoAuthorImportService.MaxRequestBytes) throw CoAuthorImportService.TooLarge(request.ContentLength);
        if (!request.HasFormContentType)
            throw PlatformProblemException.BadInput($"Send the files as multipart/form-data in the field '{FilesField}'.");
        IFormCollection form;
        try
        {
            form = await request.ReadFormAsync(ct);
        }
        catch (InvalidDataException)
        {
            throw CoAuthorImportService.TooLarge(null);
        }
        var files = form.Files.GetFiles(FilesField);
        if (files.Count == 0 && form.Files.Count > 0)
            throw PlatformProblemException.BadInput($"The files must be sent in the form field '{FilesField}', not '{form.Files[0].Name}'.");
        CoAuthorImportService.CheckLimits(files.Count, files.Sum(f => f.Length));
        var uploads = new List<CoAuthorUpload>(files.Count);
        foreach (var file in files)
        {
            using var buffer = new MemoryStream((int)file.Length);
            await file.CopyToAsync(buffer, ct);
            uploads.Add(new CoAuthorUpload(Path.GetFileName(file.FileName), buffer.ToArray()));
        }
        return TypedResults.Ok(await imports.ImportAsync(user, id, uploads, ct: ct));
    }
}
