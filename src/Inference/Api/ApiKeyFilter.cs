using System.Security.Cryptography;
using System.Text;

namespace InteractionLab.Inference.Api;

/// <summary>Optional bearer key, as OpenAI clients send it: "Authorization: Bearer {key}".</summary>
internal sealed class ApiKeyFilter(LocalModelHost host) : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var expected = host.Options.ApiKey;
        if (string.IsNullOrEmpty(expected))
        {
            return await next(context);
        }

        var header = context.HttpContext.Request.Headers.Authorization.ToString();
        var given = header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) ? header[7..].Trim() : "";
        if (CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(given), Encoding.UTF8.GetBytes(expected)))
        {
            return await next(context);
        }

        return OpenAiErrors.Result(401, given.Length == 0
            ? "You didn't provide an API key. Send it as 'Authorization: Bearer YOUR_KEY'."
            : "Incorrect API key provided.", "invalid_request_error", null, "invalid_api_key");
    }
}
