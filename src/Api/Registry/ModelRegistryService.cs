using System.ComponentModel.DataAnnotations;
using System.Runtime.CompilerServices;
using System.Security.Claims;
using System.Text.Json;
using InteractionLab.Api.Audit;
using InteractionLab.Api.Data;
using InteractionLab.Api.LanguageModels;
using InteractionLab.Api.Staff;
using InteractionLab.Domain.Studies;
using InteractionLab.Domain.Validation;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Options;

namespace InteractionLab.Api.Registry;

/// <summary>
/// The admins' model registry: create, edit and delete HTTP endpoints (audited; the API key is encrypted and
/// never logged or returned), list in-process and configured models read-only, check health and run a test prompt.
/// Each call uses its own database scope, so a Blazor circuit may run several at once.
/// </summary>
public sealed class ModelRegistryService(
    IDbContextFactory<PlatformDbContext> dbFactory,
    ChatClientRegistry clients,
    LanguageModelGateway gateway,
    ModelEndpointKeys keys,
    EndpointModelLister lister,
    AuditLog audit,
    IOptions<LanguageModelOptions> options,
    TimeProvider time)
{
    /// <summary>Registered endpoints by name.</summary>
    public async Task<IReadOnlyList<ModelEndpointView>> ListAsync(ClaimsPrincipal user, CancellationToken ct = default)
    {
        RequireAdmin(user);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var rows = await db.ModelEndpoints.AsNoTracking().OrderBy(e => e.Name).ToListAsync(ct);
        return rows.Select(ToView).ToList();
    }

    /// <summary>In-process models (with their execution provider) and configured endpoints; not editable here.</summary>
    public IReadOnlyList<ReadOnlyModelView> ListReadOnly(ClaimsPrincipal user)
    {
        RequireAdmin(user);
        var local = clients.Sources.SelectMany(s => s.ListModels().Where(m => m.Kind == "chat")
            .Select(m => new ReadOnlyModelView(s.Endpoint, m.Id, "in-process", m.ExecutionProvider ?? "not loaded yet")));
        var configured = options.Value.Endpoints.Where(e => !string.IsNullOrWhiteSpace(e.Value.BaseUrl))
            .Select(e => new ReadOnlyModelView(e.Key, null, "configuration", e.Value.BaseUrl));
        return local.Concat(configured).ToList();
    }

    /// <summary>Registers an endpoint; 400 problem for invalid input, 409 when the name is taken.</summary>
    public async Task<ModelEndpointView> CreateAsync(ClaimsPrincipal user, ModelEndpointInput input, CancellationToken ct = default)
    {
        RequireAdmin(user);
        Validate(input);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var name = input.Name.Trim().ToLowerInvariant();
        if (await db.ModelEndpoints.AnyAsync(e => e.Name == name, ct))
            throw PlatformProblemException.Conflict($"An endpoint named '{name}' is already registered; edit that one or choose another name.");
        var now = time.GetUtcNow();
        var entity = new ModelEndpoint { Name = name, BaseUrl = input.BaseUrl.Trim(), CreatedAt = now };
        Apply(entity, input, now);
        db.ModelEndpoints.Add(entity);
        audit.Record(db, user, "model-endpoint.create", name, detail: Describe(entity, input.ApiKey is { Length: > 0 } ? "set" : "not set"));
        await db.SaveChangesAsync(ct);
        clients.Invalidate(name);
        return ToView(entity);
    }

    /// <summary>Changes an endpoint; cached clients are dropped so the next request uses the new settings.</summary>
    public async Task<ModelEndpointView> UpdateAsync(ClaimsPrincipal user, Guid id, ModelEndpointInput input, CancellationToken ct = default)
    {
        RequireAdmin(user);
        Validate(input);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var entity = await db.ModelEndpoints.SingleOrDefaultAsync(e => e.Id == id, ct) ?? throw NotFound();
        var oldName = entity.Name;
        var name = input.Name.Trim().ToLowerInvariant();
        if (name != oldName && await db.ModelEndpoints.AnyAsync(e => e.Name == name, ct))
            throw PlatformProblemException.Conflict($"An endpoint named '{name}' is already registered.");
        entity.Name = name;
        entity.BaseUrl = input.BaseUrl.Trim();
        var key = Apply(entity, input, time.GetUtcNow());
        audit.Record(db, user, "model-endpoint.update", name, detail: Describe(entity, key));
        await db.SaveChangesAsync(ct);
        clients.Invalidate(oldName);
        clients.Invalidate(name);
        return ToView(entity);
    }

    /// <summary>Removes an endpoint; conditions naming it then get a clear "not configured" problem.</summary>
    public async Task DeleteAsync(ClaimsPrincipal user, Guid id, CancellationToken ct = default)
    {
        RequireAdmin(user);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var entity = await db.ModelEndpoints.SingleOrDefaultAsync(e => e.Id == id, ct) ?? throw NotFound();
        db.ModelEndpoints.Remove(entity);
        audit.Record(db, user, "model-endpoint.delete", entity.Name);
        await db.SaveChangesAsync(ct);
        clients.Invalidate(entity.Name);
    }

    /// <summary>
    /// Asks an endpoint for its models (<see cref="EndpointModelLister"/>) and times the answer. Never throws for an
    /// unreachable endpoint: the result says what went wrong; 404 problem for a name defined nowhere.
    /// </summary>
    public async Task<EndpointHealth> CheckHealthAsync(ClaimsPrincipal user, string endpoint, CancellationToken ct = default)
    {
        RequireAdmin(user);
        var listed = await lister.ListAsync(endpoint, ct: ct);
        if (listed.Origin == EndpointOrigin.Unknown)
            throw new PlatformProblemException(404, "Endpoint not found", $"There is no model endpoint '{endpoint}'.");
        return new EndpointHealth(endpoint, listed.Answered, listed.LatencyMs, listed.Models, listed.Problem);
    }

    /// <summary>Streams the reply of a model to a one-message test prompt, through the same limits as studies.</summary>
    public async IAsyncEnumerable<string> StreamTestPromptAsync(
        ClaimsPrincipal user, string endpoint, string model, string prompt, [EnumeratorCancellation] CancellationToken ct = default)
    {
        RequireAdmin(user);
        if (string.IsNullOrWhiteSpace(endpoint) || string.IsNullOrWhiteSpace(model))
            throw PlatformProblemException.BadInput("Choose an endpoint and a model for the test prompt.");
        if (string.IsNullOrWhiteSpace(prompt)) throw PlatformProblemException.BadInput("Type a test prompt.");
        var reply = gateway.StreamAsync(new ModelRef(endpoint, model), [new ChatMessage(ChatRole.User, prompt)],
            new ChatOptions { MaxOutputTokens = 100 }, new GenerationRecord(), ct);
        await foreach (var piece in reply) yield return piece.Text;
    }

    private string Apply(ModelEndpoint entity, ModelEndpointInput input, DateTimeOffset now)
    {
        entity.Style = input.Style;
        entity.DefaultModels = input.ModelList();
        entity.MaxConcurrentRequests = input.MaxConcurrentRequests;
        entity.TimeoutSeconds = input.TimeoutSeconds;
        entity.Enabled = input.Enabled;
        entity.UpdatedAt = now;
        if (input.ClearApiKey)
        {
            entity.ProtectedApiKey = null;
            return "cleared";
        }
        if (string.IsNullOrWhiteSpace(input.ApiKey)) return "unchanged";
        entity.ProtectedApiKey = keys.Protect(input.ApiKey);
        return "replaced";
    }

    // The audit detail names every setting but says only what happened to the key, never the key.
    private static string Describe(ModelEndpoint e, string apiKey) => JsonSerializer.Serialize(new
    {
        e.BaseUrl, style = e.Style.ToString().ToLowerInvariant(), models = e.DefaultModels, e.MaxConcurrentRequests,
        e.TimeoutSeconds, e.Enabled, apiKey,
    }, JsonSerializerOptions.Web);

    private void Validate(ModelEndpointInput input)
    {
        var results = new List<ValidationResult>();
        Validator.TryValidateObject(input, new ValidationContext(input), results, validateAllProperties: true);
        // The form's attributes are checked here too, so a caller that skipped the form gets the same messages.
        var errors = new FieldErrors();
        foreach (var result in results)
            foreach (var member in result.MemberNames.DefaultIfEmpty(""))
                errors.Add(member, result.ErrorMessage ?? "Invalid.");
        if (clients.Sources.Any(s => string.Equals(s.Endpoint, input.Name?.Trim(), StringComparison.OrdinalIgnoreCase)))
            errors.Add(nameof(ModelEndpointInput.Name), $"'{input.Name}' is the in-process engine's name; choose another.");
        if (Uri.TryCreate(input.BaseUrl?.Trim(), UriKind.Absolute, out var uri) && uri.Scheme is not ("http" or "https"))
            errors.Add(nameof(ModelEndpointInput.BaseUrl), "The base URL must be an http:// or https:// address.");
        PlatformProblemException.RefuseIfAny(errors, $"{errors.ToDictionary().Count} field(s) of the endpoint need attention; nothing was saved.");
    }

    private static ModelEndpointView ToView(ModelEndpoint e) => new(e.Id, e.Name, e.BaseUrl, e.Style, e.DefaultModels,
        e.ProtectedApiKey is not null, e.MaxConcurrentRequests, e.TimeoutSeconds, e.Enabled, e.UpdatedAt);

    private static void RequireAdmin(ClaimsPrincipal user)
    {
        if (!user.IsInRole(StaffRoles.Admin))
            throw new PlatformProblemException(403, "Not allowed", "Only admins can manage the model registry.");
    }

    private static PlatformProblemException NotFound() =>
        new(404, "Endpoint not found", "This model endpoint does not exist (any more).");
}
