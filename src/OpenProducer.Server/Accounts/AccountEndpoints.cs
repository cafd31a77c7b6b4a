using System.Text.Json.Nodes;
using OpenProducer.Server.Api;
using OpenProducer.Server.Storage;

namespace OpenProducer.Server.Accounts;

/// <summary>
/// Our extensions for a token's own application: <c>GET /v1/balance</c> (<c>{"balance"}</c>, null when the application
/// has no limit, with the owner's <c>general_balance</c> and whether the application may draw on it) and
/// <c>GET /v1/application</c> (its id, name, balances, owner and the secret its callbacks are signed with).
/// </summary>
public static class AccountEndpoints
{
    public static void MapAccounts(this IEndpointRouteBuilder app)
    {
        app.MapGet("/v1/balance", (HttpContext http, TokenStore tokens, OwnerStore owners) =>
        {
            string id = http.Caller().ApplicationId;
            if (tokens.Application(id) is not { } a) return Json.Error(ProducerError.InvalidToken(), http.TraceId());
            var general = owners.For(id);
            return Json.Result(new JsonObject
            {
                ["balance"] = a.Balance, ["general_balance"] = general.Credits, ["allow_general_balance"] = general.Allowed,
            });
        }).AddEndpointFilter<BearerAuth>();
        app.MapGet("/v1/application", (HttpContext http, TokenStore tokens, OwnerStore owners) =>
        {
            string id = http.Caller().ApplicationId;
            if (tokens.Application(id) is not { } a) return Json.Error(ProducerError.InvalidToken(), http.TraceId());
            var general = owners.For(id);
            return Json.Result(new JsonObject
            {
                ["id"] = id, ["name"] = a.Name, ["balance"] = a.Balance, ["owner_id"] = general.OwnerId, ["general_balance"] = general.Credits,
                ["allow_general_balance"] = general.Allowed, ["callback_secret"] = a.Secret,
            });
        }).AddEndpointFilter<BearerAuth>();
    }
}
