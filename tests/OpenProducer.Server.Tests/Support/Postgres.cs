using System.Net;
using System.Net.Sockets;
using Npgsql;
using OpenProducer.Tests.Support;

namespace OpenProducer.Server.Tests.Support;

/// <summary>
/// A real PostgreSQL server for the tests: a throwaway cluster (Debian's <c>postgresql</c> package) in a temporary
/// folder, listening on a free loopback port, stopped and deleted at the end. As root, the cluster runs as the
/// <c>postgres</c> user (PostgreSQL refuses to run as root). Each test takes a fresh database of its own.
/// </summary>
public sealed class PostgresFixture : IAsyncLifetime
{
    private string _dir = "", _bin = "";
    private int _port;
    private int _databases;

    public async Task InitializeAsync()
    {
        _bin = Directory.Exists("/usr/lib/postgresql")
            ? Directory.GetDirectories("/usr/lib/postgresql").Select(d => Path.Combine(d, "bin")).Where(Directory.Exists).OrderByDescending(d => d).FirstOrDefault() ?? ""
            : "";
        Assert.True(_bin.Length > 0, "PostgreSQL is not installed (./producer test installs the postgresql package)");
        _dir = Directory.CreateTempSubdirectory("producer-pg-").FullName;
        bool root = Environment.UserName == "root";
        if (root) Media.Run("chown", $"-R postgres \"{_dir}\"");
        using (var probe = new TcpListener(IPAddress.Loopback, 0))
        {
            probe.Start();
            _port = ((IPEndPoint)probe.LocalEndpoint).Port;
        }
        string data = Path.Combine(_dir, "data");
        RunPostgres(root, "initdb", $"-D \"{data}\" -A trust -U producer --no-sync -E UTF8 --locale=C.UTF-8");
        RunPostgres(root, "pg_ctl", $"-D \"{data}\" -l \"{Path.Combine(_dir, "log")}\" -w -t 60 " +
            $"-o \"-p {_port} -k {_dir} -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c max_connections=300\" start");
        await Task.CompletedTask;
    }

    /// <summary>A new, empty database on the server, as a URL the server options take.</summary>
    public string NewDatabase()
    {
        string name = $"producer_{Interlocked.Increment(ref _databases)}";
        using var c = new NpgsqlConnection($"Host=127.0.0.1;Port={_port};Username=producer;Database=postgres;Pooling=false");
        c.Open();
        using var cmd = new NpgsqlCommand($"CREATE DATABASE {name}", c);
        cmd.ExecuteNonQuery();
        return $"postgres://producer@127.0.0.1:{_port}/{name}";
    }

    public Task DisposeAsync()
    {
        try
        {
            RunPostgres(Environment.UserName == "root", "pg_ctl", $"-D \"{Path.Combine(_dir, "data")}\" -m immediate stop");
        }
        finally
        {
            NpgsqlConnection.ClearAllPools();
            Directory.Delete(_dir, recursive: true);
        }
        return Task.CompletedTask;
    }

    private void RunPostgres(bool root, string tool, string args) =>
        Media.Run(root ? "runuser" : Path.Combine(_bin, tool), root ? $"-u postgres -- \"{Path.Combine(_bin, tool)}\" {args}" : args);
}
