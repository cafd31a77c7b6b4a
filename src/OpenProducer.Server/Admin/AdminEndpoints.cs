using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using OpenProducer.Server.Api;
using OpenProducer.Server.Configuration;
using OpenProducer.Server.Storage;

namespace OpenProducer.Server.Admin;

/// <summary>
/// The operator's HTTP API, under <c>/admin</c>, behind the admin token (<c>PRODUCER_ADMIN_TOKEN</c>, or the one
/// <c>producer serve</c> keeps in the data folder): applications, their tokens, balances and spending. Answers and
/// errors use the Producer API's shapes. Without an admin token configured, the admin API does not exist.
/// </summary>
public static class AdminEndpoints
{
    public static void MapAdmin(this IEndpointRouteBuilder app)
    {
        var admin = app.MapGroup("/admin").AddEndpointFilter<AdminAuth>();
        admin.MapOwnerAdmin();
        admin.MapGet("/applications", (TokenStore tokens) =>
            Json.Result(new JsonObject { ["items"] = new JsonArray([.. tokens.Applications().Select(Summary)]) }));
        admin.MapPost("/applications", async (HttpContext http, TokenStore tokens, CancellationToken ct) =>
        {
            var (body, error) = await Json.ReadObjectAsync(http.Request, ct);
            if (error is not null) return Json.Error(error, http.TraceId());
            var f = new FieldReader(body);
            string name = f.String("name", 100) is { Length: > 0 } n ? n : "default";
            long? balance = f.WholeNumber("balance", 0, Credits.Max, Credits.Range(0));
            double? expires = f.Number("expires_in", 1, 10 * 365 * 86400.0);
            if (f.Error is not null) return Json.Error(f.Error, http.TraceId());
            return Json.Result(Made(tokens, tokens.Create(name, balance, expires)));
        });
        admin.MapPost("/applications/{id}/tokens", async (HttpContext http, string id, TokenStore tokens, CancellationToken ct) =>
        {
            var (body, error) = await Json.ReadObjectAsync(http.Request, ct);
            if (error is not null) return Json.Error(error, http.TraceId());
            var f = new FieldReader(body);
            string name = f.String("name", 100) is { Length: > 0 } n ? n : "default";
            double? expires = f.Number("expires_in", 1, 10 * 365 * 86400.0);
            if (f.Error is not null) return Json.Error(f.Error, http.TraceId());
            if (tokens.Application(id) is null) return NotFound(http);
            return Json.Result(Made(tokens, tokens.Create(name, null, expires, id)));
        });
        admin.MapGet("/applications/{id}/tokens", (HttpContext http, string id, TokenStore tokens) =>
            tokens.Application(id) is null ? NotFound(http) : Json.Result(new JsonObject
            {
                ["items"] = new JsonArray([.. tokens.Tokens(id).Select(t => new JsonObject
                {
                    ["id"] = t.Id, ["name"] = t.Name, ["revoked"] = t.Revoked, ["expires_at"] = t.ExpiresAt, ["created_at"] = t.CreatedAt,
                })]),
            }));
        admin.MapPost("/tokens/{id}/revoke", (HttpContext http, string id, TokenStore tokens) =>
            tokens.Revoke(id) ? Json.Result(new JsonObject { ["id"] = id, ["revoked"] = true })
                : Json.Error(new ProducerError(404, "not_found", "No token with this id."), http.TraceId()));
        admin.MapPost("/applications/{id}/topup", async (HttpContext http, string id, TokenStore tokens, CancellationToken ct) =>
        {
            var (body, error) = await Json.ReadObjectAsync(http.Request, ct);
            if (error is not null) return Json.Error(error, http.TraceId());
            var f = new FieldReader(body);
            long? credits = f.WholeNumber("credits", 1, Credits.Max, Credits.Range(1));
            if (f.Error is null && credits is null) f.Reject(ProducerError.Required("credits"));
            if (f.Error is not null) return Json.Error(f.Error, http.TraceId());
            var done = tokens.TopUp(id, credits!.Value);
            return done.Outcome switch
            {
                TopUpOutcome.Done => Json.Result(new JsonObject { ["id"] = id, ["balance"] = done.Balance }),
                TopUpOutcome.NotFound => NotFound(http),
                _ => Json.Error(ProducerError.BadRequest(done.Problem("application")), http.TraceId()),
            };
        });
        foreach (var (path, disabled) in new[] { ("disable", true), ("enable", false) })
            admin.MapPost($"/applications/{{id}}/{path}", (HttpContext http, string id, TokenStore tokens) =>
                tokens.SetDisabled(id, disabled) ? Json.Result(new JsonObject { ["id"] = id, ["disabled"] = disabled }) : NotFound(http));
        admin.MapGet("/applications/{id}/tasks", (HttpContext http, string id, TokenStore tokens, TaskPages tasks) =>
        {
            if (tokens.Application(id) is null) return NotFound(http);
            var items = tasks.Charges(id, 500);
            return Json.Result(new JsonObject
            {
                ["items"] = new JsonArray([.. items.Select(t => new JsonObject
                {
                    ["id"] = t.Id, ["type"] = t.Type, ["state"] = t.State, ["credits"] = t.Charged, ["refunded"] = t.Refunded,
                    ["created_at"] = t.CreatedAt, ["finished_at"] = t.FinishedAt,
                })]),
                ["count"] = items.Count,
                ["spent"] = tokens.Applications(id).Single().Spent,
            });
        });
    }

    private static JsonObject Summary(ApplicationSummary a) => new()
    {
        ["id"] = a.Id, ["name"] = a.Name, ["balance"] = a.Balance, ["disabled"] = a.Disabled, ["tokens"] = a.Tokens,
        ["tasks"] = a.Tasks, ["spent"] = a.Spent, ["owner_id"] = a.OwnerId, ["allow_general_balance"] = a.AllowGeneralBalance, ["created_at"] = a.CreatedAt,
    };

    private static JsonObject Made(TokenStore tokens, NewToken made)
    {
        var app = tokens.Application(made.ApplicationId)!.Value;
        return new JsonObject
        {
            ["application_id"] = made.ApplicationId, ["token_id"] = made.TokenId, ["token"] = made.Token,
            ["balance"] = app.Balance, ["callback_secret"] = app.Secret,
        };
    }

    private static IResult NotFound(HttpContext http) => Json.Error(new ProducerError(404, "not_found", "No application with this id."), http.TraceId());

    /// <summary>The admin token, compared in constant time; the admin API answers no_api when none is configured.</summary>
    private sealed class AdminAuth(ServerOptions options, AuthFailureLimiter failures) : IEndpointFilter
    {
        public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
        {
            var http = context.HttpContext;
            if (options.AdminToken is not { Length: > 0 } expected) return Json.Error(ProducerError.NoApi(), http.TraceId());
            string header = http.Request.Headers.Authorization.ToString().Trim();
            string given = BearerAuth.BearerToken(header);
            if (given.Length == 0) return Json.Error(ProducerError.NoToken(), http.TraceId());
            if (failures.Blocked(http.Connection.RemoteIpAddress) is int wait) return BearerAuth.TooMany(http, wait);
            if (!CryptographicOperations.FixedTimeEquals(SHA256.HashData(Encoding.UTF8.GetBytes(given)), SHA256.HashData(Encoding.UTF8.GetBytes(expected))))
            {
                failures.Failed(http.Connection.RemoteIpAddress);
                return Json.Error(ProducerError.InvalidToken(), http.TraceId());
            }
            return await next(context);
        }
    }
}
