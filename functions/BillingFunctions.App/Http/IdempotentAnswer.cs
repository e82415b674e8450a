using System.IO.Compression;
using System.Security.Cryptography;
using System.Text;
using Azure.Data.Tables;
using BillingFunctions.Adapters.AzureStorage;

namespace BillingFunctions.App.Http;

/// <summary>
/// The kept answer of an idempotent request, sized and sealed for Table Storage. A string property holds 64 KiB and
/// an entity 1 MiB, while an answer can be far larger (an invoice of 250 lines of 500 escaped characters is about
/// 750 KB), so the body is gzipped and split into binary parts of at most <see cref="PartBytes"/>, one row each
/// (<c>{key row}|{claim}|{n}</c>), in the key's partition. The parts and the key row's "done" go in one entity-group
/// transaction when they fit (almost always: gzipped JSON is a few parts); a larger answer writes its first parts
/// before, and the key row, written last, is what makes them count. Parts are named by the claim that wrote them, so
/// a writer that lost its claim cannot mix its parts into another's answer.
/// <para>
/// Answers can hold secrets shown once (a new API key), so the body is sealed with AES-GCM under a key derived from
/// the <c>Idempotency-Key</c> itself, which is never stored (the row key holds its SHA-256): the table alone does not
/// reveal the answer, and only a client that sends the key again gets it replayed. A guessable Idempotency-Key gives
/// little protection; clients are told to use random ones.
/// </para>
/// </summary>
internal static class IdempotentAnswer
{
    /// <summary>Below the 64 KiB binary property limit.</summary>
    public const int PartBytes = 60 * 1024;

    /// <summary>Parts per transaction: base64 makes 40 of them about 3.3 MB, under the 4 MiB a transaction carries.</summary>
    private const int PartsPerTransaction = 40;

    public static IReadOnlyList<byte[]> Seal(string idempotencyKey, string rowKey, byte[] body)
    {
        using var compressed = new MemoryStream();
        using (var gzip = new GZipStream(compressed, CompressionLevel.Fastest, leaveOpen: true)) gzip.Write(body);
        var plain = compressed.ToArray();

        var nonce = RandomNumberGenerator.GetBytes(AesGcm.NonceByteSizes.MaxSize);
        var sealedBody = new byte[nonce.Length + AesGcm.TagByteSizes.MaxSize + plain.Length];
        nonce.CopyTo(sealedBody, 0);
        using (var aes = new AesGcm(Key(idempotencyKey, rowKey), AesGcm.TagByteSizes.MaxSize))
            aes.Encrypt(nonce, plain, sealedBody.AsSpan(nonce.Length + AesGcm.TagByteSizes.MaxSize),
                sealedBody.AsSpan(nonce.Length, AesGcm.TagByteSizes.MaxSize));
        return sealedBody.Chunk(PartBytes).ToList();
    }

    public static byte[] Open(string idempotencyKey, string rowKey, IEnumerable<byte[]> parts)
    {
        var sealedBody = parts.SelectMany(p => p).ToArray();
        var (nonceLength, tagLength) = (AesGcm.NonceByteSizes.MaxSize, AesGcm.TagByteSizes.MaxSize);
        var plain = new byte[sealedBody.Length - nonceLength - tagLength];
        using (var aes = new AesGcm(Key(idempotencyKey, rowKey), tagLength))
            aes.Decrypt(sealedBody.AsSpan(0, nonceLength), sealedBody.AsSpan(nonceLength + tagLength),
                sealedBody.AsSpan(nonceLength, tagLength), plain);
        using var gzip = new GZipStream(new MemoryStream(plain), CompressionMode.Decompress);
        using var body = new MemoryStream();
        gzip.CopyTo(body);
        return body.ToArray();
    }

    public static string PartKey(string rowKey, string claimId, int index) => $"{rowKey}|{claimId}|{index:D4}";

    /// <summary>Writes the parts and then, guarded by the claim, the key row that names them.</summary>
    public static async Task WriteAsync(TableClient table, IdempotencyClaim claim, string claimId, IReadOnlyList<byte[]> parts, TableEntity done,
        CancellationToken cancellationToken)
    {
        var actions = parts.Select((part, i) => new TableTransactionAction(TableTransactionActionType.UpsertReplace,
            new TableEntity(claim.Partition, PartKey(claim.RowKey, claimId, i)) { ["Data"] = part })).ToList();
        while (actions.Count >= PartsPerTransaction)
        {
            await table.SubmitTransactionAsync(actions.Take(PartsPerTransaction), cancellationToken);
            actions.RemoveRange(0, PartsPerTransaction);
        }
        actions.Add(new TableTransactionAction(TableTransactionActionType.UpdateReplace, done, claim.ETag));
        await table.SubmitTransactionAsync(actions, cancellationToken);
    }

    public static async Task<byte[]> ReadAsync(TableClient table, string partition, string rowKey, string claimId, int count, string idempotencyKey,
        CancellationToken cancellationToken)
    {
        var parts = new List<byte[]>(count);
        for (var i = 0; i < count; i++)
        {
            TableEntity row = await table.GetEntityAsync<TableEntity>(partition, PartKey(rowKey, claimId, i), cancellationToken: cancellationToken);
            parts.Add(row.GetBinary("Data")!);
        }
        return Open(idempotencyKey, rowKey, parts);
    }

    private static byte[] Key(string idempotencyKey, string rowKey) =>
        HMACSHA256.HashData(Encoding.UTF8.GetBytes(idempotencyKey), Encoding.UTF8.GetBytes("idempotent-answer|" + rowKey));
}
