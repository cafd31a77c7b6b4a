using System.Text.Json.Nodes;
using OpenProducer.Server.Api;
using OpenProducer.Server.Storage;

namespace OpenProducer.Server.Accounts;

/// <summary>
/// Our extensions for a token's own application: <c>GET /v1/balance</c> (<c>{"balance"}</c>, null when the application
/// has no limit) and <c>GET /v1/application</c> (its id, name, balance and the secret its callbacks are signed with).
/// </summary>
public static class AccountEndpoints
{
    public static void MapAccounts(this IEndpointRouteBuilder app)
    {
        app.MapGet("/v1/balance", (HttpContext http, TokenStore tokens) =>
            tokens.Application(http.Caller().ApplicationId) is { } a
                ? Json.Result(new JsonObject { ["balance"] = a.Balance })
                : Json.Error(ProducerError.InvalidToken(), http.TraceId())).AddEndpointFilter<BearerAuth>();
        app.MapGet("/v1/application", (HttpContext http, TokenStore tokens) =>
        {
            string id = http.Caller().ApplicationId;
            return tokens.Application(id) is { } a
                ? Json.Result(new JsonObject { ["id"] = id, ["name"] = a.Name, ["balance"] = a.Balance, ["callback_secret"] = a.Secret })
                : Json.Error(ProducerError.InvalidToken(), http.TraceId());
        }).AddEndpointFilter<BearerAuth>();
    }
}
