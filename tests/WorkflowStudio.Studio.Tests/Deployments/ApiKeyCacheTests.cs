using WorkflowStudio.Data.Audit;
using WorkflowStudio.Data.Deployments;
using WorkflowStudio.Studio.Deployments;
using WorkflowStudio.Studio.Security;

namespace WorkflowStudio.Studio.Tests.Deployments;

/// <summary>Live keys are kept after their first use so calls cost no read; a revocation still refuses the next call.</summary>
public sealed class ApiKeyCacheTests
{
    private readonly KeyStore _store = new();
    private readonly ApiKeys _keys;

    public ApiKeyCacheTests() => _keys = new ApiKeys(_store, TimeProvider.System, new AuditTrail(new NoAudit()));

    [Fact]
    public async Task A_used_key_is_answered_without_a_read_and_refused_from_the_call_after_its_revocation()
    {
        var key = await _keys.CreateAsync("app", ApiKeyScopes.Run, ["*"], "tester");

        Assert.NotNull(await _keys.AuthenticateAsync(key.Secret));
        Assert.NotNull(await _keys.AuthenticateAsync(key.Secret));
        Assert.Equal(1, _store.Lookups);

        Assert.True(await _keys.RevokeAsync(key.Key.Id));

        Assert.Null(await _keys.AuthenticateAsync(key.Secret));
    }

    [Fact]
    public async Task Revoking_one_key_leaves_the_others_kept()
    {
        var kept = await _keys.CreateAsync("kept", ApiKeyScopes.Run, ["*"], "tester");
        var revoked = await _keys.CreateAsync("revoked", ApiKeyScopes.Run, ["*"], "tester");
        await _keys.AuthenticateAsync(kept.Secret);
        await _keys.AuthenticateAsync(revoked.Secret);

        await _keys.RevokeAsync(revoked.Key.Id);

        Assert.NotNull(await _keys.AuthenticateAsync(kept.Secret));
        Assert.Null(await _keys.AuthenticateAsync(revoked.Secret));
        Assert.Equal(3, _store.Lookups);
    }

    [Fact]
    public async Task A_lookup_that_read_the_key_just_before_its_revocation_does_not_keep_it()
    {
        var key = await _keys.CreateAsync("app", ApiKeyScopes.Run, ["*"], "tester");
        var hold = _store.HoldNextLookup = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var inFlight = _keys.AuthenticateAsync(key.Secret);
        await _store.LookupRead.Task;

        await _keys.RevokeAsync(key.Key.Id);
        hold.SetResult();

        // The call that was already under way when the key was revoked may pass; none after it.
        Assert.NotNull(await inFlight);
        Assert.Null(await _keys.AuthenticateAsync(key.Secret));
    }

    [Fact]
    public async Task The_last_use_is_written_once_however_many_calls_follow_within_the_minute()
    {
        var key = await _keys.CreateAsync("app", ApiKeyScopes.Run, ["*"], "tester");

        for (var i = 0; i < 10; i++) await _keys.AuthenticateAsync(key.Secret);

        Assert.Equal(1, _store.LastUsedWrites);
        Assert.NotNull((await _keys.ListAsync()).Single().LastUsedAt);
    }

    /// <summary>Keys in memory; a lookup can be held after it has read, as if the revocation landed meanwhile.</summary>
    private sealed class KeyStore : IDeploymentStore
    {
        private readonly Dictionary<string, (string Hash, ApiKeyRecord Key)> _keys = [];

        public int Lookups { get; private set; }
        public int LastUsedWrites { get; private set; }
        public TaskCompletionSource? HoldNextLookup { get; set; }
        public TaskCompletionSource LookupRead { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public Task<ApiKeyRecord> CreateKeyAsync(NewApiKey key, CancellationToken ct = default)
        {
            var record = new ApiKeyRecord(key.Id, key.Name, key.Prefix, key.Scope, key.Workflows, DateTimeOffset.UtcNow, key.CreatedBy, null, null);
            lock (_keys) _keys[key.Id] = (key.Hash, record);
            return Task.FromResult(record);
        }

        public Task<IReadOnlyList<ApiKeyRecord>> ListKeysAsync(CancellationToken ct = default)
        {
            lock (_keys) return Task.FromResult<IReadOnlyList<ApiKeyRecord>>([.. _keys.Values.Select(k => k.Key)]);
        }

        public Task<bool> RevokeKeyAsync(string keyId, CancellationToken ct = default)
        {
            lock (_keys)
            {
                if (!_keys.TryGetValue(keyId, out var key) || key.Key.IsRevoked) return Task.FromResult(false);
                _keys[keyId] = key with { Key = key.Key with { RevokedAt = DateTimeOffset.UtcNow } };
                return Task.FromResult(true);
            }
        }

        public async Task<ApiKeyRecord?> FindKeyByHashAsync(string hash, CancellationToken ct = default)
        {
            ApiKeyRecord? found;
            lock (_keys)
            {
                Lookups++;
                found = _keys.Values.Where(k => k.Hash == hash).Select(k => k.Key).SingleOrDefault();
            }
            if (HoldNextLookup is { } hold)
            {
                HoldNextLookup = null;
                LookupRead.SetResult();
                await hold.Task;
            }
            return found;
        }

        public Task SetKeyLastUsedAsync(string keyId, DateTimeOffset at, CancellationToken ct = default)
        {
            lock (_keys)
            {
                LastUsedWrites++;
                _keys[keyId] = _keys[keyId] with { Key = _keys[keyId].Key with { LastUsedAt = at } };
            }
            return Task.CompletedTask;
        }

        public Task<TagTarget?> ResolveTagAsync(string workflowId, string tag, CancellationToken ct = default) => throw new NotSupportedException();
        public Task<DeploymentRun?> FindRunAsync(string apiKeyId, string idempotencyKey, CancellationToken ct = default) => throw new NotSupportedException();
        public Task<DeploymentRun?> GetRunAsync(string runId, CancellationToken ct = default) => throw new NotSupportedException();
    }

    private sealed class NoAudit : IAuditStore
    {
        public Task<AuditEntry> AppendAsync(NewAuditEntry entry, CancellationToken ct = default) =>
            Task.FromResult(new AuditEntry(0, DateTimeOffset.UtcNow, entry.Actor, entry.Action, entry.Target, entry.Detail));

        public Task<IReadOnlyList<AuditEntry>> ListAsync(int limit, long? before = null, CancellationToken ct = default) =>
            Task.FromResult<IReadOnlyList<AuditEntry>>([]);

        public Task<IReadOnlyDictionary<string, DateTimeOffset>> LatestByActorAsync(string action, CancellationToken ct = default) =>
            Task.FromResult<IReadOnlyDictionary<string, DateTimeOffset>>(new Dictionary<string, DateTimeOffset>());
    }
}
