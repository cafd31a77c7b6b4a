using OpenProducer.Client.Core;

namespace OpenProducer.Client.Accounts;

/// <summary>The token's own application: its balance and its details (the server's extensions).</summary>
public sealed class AccountClient
{
    private readonly ProducerPipeline _pipeline;

    internal AccountClient(ProducerPipeline pipeline) => _pipeline = pipeline;

    /// <summary>The application's credits.</summary>
    public Task<AccountBalance> GetBalanceAsync(CancellationToken cancellationToken = default) =>
        _pipeline.GetAsync<AccountBalance>("v1/balance", cancellationToken);

    /// <summary>The application, with its callback secret.</summary>
    public Task<ApplicationInfo> GetApplicationAsync(CancellationToken cancellationToken = default) =>
        _pipeline.GetAsync<ApplicationInfo>("v1/application", cancellationToken);
}
