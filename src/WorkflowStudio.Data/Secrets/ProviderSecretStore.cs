using System.Security.Cryptography;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using WorkflowStudio.Data.Storage;

namespace WorkflowStudio.Data.Secrets;

/// <summary>
/// <see cref="IProviderSecretStore"/> in the security tables, each key encrypted with ASP.NET Core Data Protection
/// (authenticated encryption under the key ring kept in the data directory, <see cref="SecretProtection"/>).
/// </summary>
internal sealed class ProviderSecretStore(StudioDatabase database, IDataProtectionProvider protection, TimeProvider time, ILogger<ProviderSecretStore> log)
    : IProviderSecretStore
{
    public const int ProviderLength = 100;
    public const int EndingLength = 4;

    // A purpose string of its own: what this protector encrypts cannot be read by the cookie or antiforgery protectors, nor theirs by it.
    private readonly IDataProtector _protector = protection.CreateProtector("WorkflowStudio.ProviderKeys.v1");

    public async Task<IReadOnlyList<ProviderSecretInfo>> ListAsync(CancellationToken ct = default)
    {
        await using var db = await database.OpenSecurityAsync(ct);
        var rows = await db.ProviderSecrets.AsNoTracking().OrderBy(r => r.Provider).ToListAsync(ct);
        return rows.Select(ToInfo).ToList();
    }

    public async Task<IReadOnlyDictionary<string, string>> ReadAllAsync(CancellationToken ct = default)
    {
        await using var db = await database.OpenSecurityAsync(ct);
        var keys = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var row in await db.ProviderSecrets.AsNoTracking().ToListAsync(ct))
        {
            try
            {
                keys[row.Provider] = _protector.Unprotect(row.Protected);
            }
            catch (CryptographicException)
            {
                // The key ring was lost or replaced: the key is unreadable, and saying so beats failing every model call.
                log.LogWarning("The stored API key of provider {Provider} cannot be decrypted with this data directory's key ring; enter it again", row.Provider);
            }
        }
        return keys;
    }

    public async Task<ProviderSecretInfo> SetAsync(string provider, string key, string updatedBy, CancellationToken ct = default)
    {
        await using var db = await database.OpenSecurityAsync(ct);
        var row = await db.ProviderSecrets.FindAsync([provider], ct);
        if (row is null)
        {
            row = new ProviderSecretRow { Provider = provider, Protected = "", Ending = "", UpdatedBy = updatedBy };
            db.ProviderSecrets.Add(row);
        }
        row.Protected = _protector.Protect(key);
        row.Ending = key.Length > EndingLength * 2 ? key[^EndingLength..] : "";
        row.UpdatedAt = time.GetUtcNow();
        row.UpdatedBy = updatedBy;
        await db.SaveChangesAsync(ct);
        return ToInfo(row);
    }

    public async Task<bool> RemoveAsync(string provider, CancellationToken ct = default)
    {
        await using var db = await database.OpenSecurityAsync(ct);
        return await db.ProviderSecrets.Where(r => r.Provider == provider).ExecuteDeleteAsync(ct) > 0;
    }

    private static ProviderSecretInfo ToInfo(ProviderSecretRow r) => new(r.Provider, r.Ending, r.UpdatedAt, r.UpdatedBy);
}
