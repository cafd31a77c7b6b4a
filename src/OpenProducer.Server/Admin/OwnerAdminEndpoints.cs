using System.Text.Json.Nodes;
using OpenProducer.Server.Api;
using OpenProducer.Server.Storage;

namespace OpenProducer.Server.Admin;

/// <summary>
/// The operator's API for general balances, under <c>/admin</c> with the admin token: owners (<c>GET</c> and
/// <c>POST /admin/owners</c>, <c>POST /admin/owners/{id}/topup</c>) and, per application, its owner and whether it may
/// draw on the owner's general balance (<c>POST /admin/applications/{id}/general-balance</c>).
/// </summary>
public static class OwnerAdminEndpoints
{
    public static void MapOwnerAdmin(this RouteGroupBuilder admin)
    {
        admin.MapGet("/owners", (OwnerStore owners) =>
            Json.Result(new JsonObject { ["items"] = new JsonArray([.. owners.Owners().Select(Summary)]) }));
        admin.MapPost("/owners", async (HttpContext http, OwnerStore owners, CancellationToken ct) =>
        {
            var (body, error) = await Json.ReadObjectAsync(http.Request, ct);
            if (error is not null) return Json.Error(error, http.TraceId());
            var f = new FieldReader(body);
            string name = f.String("name", 100) is { Length: > 0 } n ? n : "default";
            long balance = f.WholeNumber("general_balance", 0, Credits.Max, Credits.Range(0)) ?? 0;
            if (f.Error is not null) return Json.Error(f.Error, http.TraceId());
            return Json.Result(Summary(owners.Owners(owners.Create(name, balance)).Single()));
        });
        admin.MapPost("/owners/{id}/topup", async (HttpContext http, string id, OwnerStore owners, CancellationToken ct) =>
        {
            var (body, error) = await Json.ReadObjectAsync(http.Request, ct);
            if (error is not null) return Json.Error(error, http.TraceId());
            var f = new FieldReader(body);
            long? credits = f.WholeNumber("credits", 1, Credits.Max, Credits.Range(1));
            if (f.Error is null && credits is null) f.Reject(ProducerError.Required("credits"));
            if (f.Error is not null) return Json.Error(f.Error, http.TraceId());
            var done = owners.TopUp(id, credits!.Value);
            return done.Outcome switch
            {
                TopUpOutcome.Done => Json.Result(new JsonObject { ["id"] = id, ["general_balance"] = done.Balance }),
                TopUpOutcome.NotFound => Json.Error(new ProducerError(404, "not_found", "No owner with this id."), http.TraceId()),
                _ => Json.Error(ProducerError.BadRequest(done.Problem("owner")), http.TraceId()),
            };
        });
        admin.MapPost("/applications/{id}/general-balance", async (HttpContext http, string id, OwnerStore owners, CancellationToken ct) =>
        {
            var (body, error) = await Json.ReadObjectAsync(http.Request, ct);
            if (error is not null) return Json.Error(error, http.TraceId());
            var f = new FieldReader(body);
            string? owner = f.String("owner_id", 100);
            bool? allow = f.Bool("allow");
            if (f.Error is null && allow is null) f.Reject(ProducerError.Required("allow"));
            if (f.Error is not null) return Json.Error(f.Error, http.TraceId());
            if (owners.SetGeneral(id, string.IsNullOrWhiteSpace(owner) ? null : owner.Trim(), allow!.Value) is { } problem)
                return Json.Error(problem.StartsWith("no application", StringComparison.Ordinal)
                    ? new ProducerError(404, "not_found", "No application with this id.") : ProducerError.BadRequest(problem + "."), http.TraceId());
            var general = owners.For(id);
            return Json.Result(new JsonObject
            {
                ["id"] = id, ["owner_id"] = general.OwnerId, ["general_balance"] = general.Credits, ["allow_general_balance"] = general.Allowed,
            });
        });
    }

    private static JsonObject Summary(OwnerSummary o) => new()
    {
        ["id"] = o.Id, ["name"] = o.Name, ["general_balance"] = o.GeneralBalance, ["applications"] = o.Applications, ["created_at"] = o.CreatedAt,
    };
}
