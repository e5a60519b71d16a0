using System.Collections.Concurrent;
using System.Numerics;
using System.Text;
using ClinicalTrials.Core.Hashing;
using ClinicalTrials.Ledger.Evm.Contract;
using Nethereum.ABI.FunctionEncoding.Attributes;
using Nethereum.Contracts;
using Nethereum.Hex.HexConvertors.Extensions;
using Nethereum.JsonRpc.Client;
using Nethereum.RPC.Eth.DTOs;
using Nethereum.Util;
using Nethereum.Web3.Accounts;

namespace ClinicalTrials.Ledger.Evm;

/// <summary>
/// The ledger on an EVM chain: the TrialRegistry contract (infra/contracts/TrialRegistry.sol)
/// reached over JSON-RPC, acting as one account. The contract enforces the rules; a refusal
/// arrives as a <see cref="LedgerRejectedException"/> whose <see cref="LedgerRejectedException.Reason"/>
/// is the contract's own message. Safe for concurrent use: transactions from the one account get
/// distinct nonces.
/// </summary>
public sealed class EvmAnchorLedger : IAnchorLedger
{
    /// <summary>Log queries span at most this many blocks, under the limits public nodes set on eth_getLogs.</summary>
    private const ulong LogWindowBlocks = 2_000;

    private const int ReadParallelism = 8;

    private readonly EvmRpc _rpc;
    private readonly string _contract;

    private EvmAnchorLedger(EvmRpc rpc, EvmTransactionSender sender, string contractAddress)
    {
        _rpc = rpc;
        Sender = sender;
        _contract = contractAddress;
        Name = $"evm:{sender.ChainId}/{contractAddress}";
    }

    /// <inheritdoc />
    /// <remarks><c>evm:&lt;chain id&gt;/&lt;contract address&gt;</c>, the address EIP-55 checksummed.</remarks>
    public string Name { get; }

    /// <inheritdoc />
    /// <remarks>The EIP-55 checksummed address of the private key's account.</remarks>
    public string Account => Sender.Address;

    /// <summary>The deployed TrialRegistry's address, EIP-55 checksummed.</summary>
    public string ContractAddress => _contract;

    /// <summary>The chain id (EIP-155) the ledger signs for.</summary>
    public BigInteger ChainId => Sender.ChainId;

    internal EvmTransactionSender Sender { get; }

    internal EvmRpc Rpc => _rpc;

    /// <summary>Connects to the TrialRegistry at <see cref="EvmLedgerOptions.ContractAddress"/> as the key's account.</summary>
    /// <exception cref="ArgumentException">The options are malformed (no contract address, bad key).</exception>
    /// <exception cref="LedgerUnavailableException">The node cannot be reached.</exception>
    /// <exception cref="LedgerException">There is no contract at the address.</exception>
    public static async Task<EvmAnchorLedger> ConnectAsync(EvmLedgerOptions options, TimeProvider? timeProvider = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (string.IsNullOrWhiteSpace(options.ContractAddress) || !AddressUtil.Current.IsValidEthereumAddressHexFormat(options.ContractAddress))
        {
            throw new ArgumentException($"'{options.ContractAddress}' is not a contract address (0x followed by 40 hex digits)", nameof(options));
        }

        var (rpc, sender) = await OpenAsync(options, timeProvider ?? TimeProvider.System, cancellationToken).ConfigureAwait(false);
        var address = AddressUtil.Current.ConvertToChecksumAddress(options.ContractAddress);
        var code = await rpc.Guard("connect", () => rpc.Web3.Eth.GetCode.SendRequestAsync(address), cancellationToken).ConfigureAwait(false);
        if (string.IsNullOrEmpty(code) || code.RemoveHexPrefix().Length == 0)
        {
            throw new LedgerException($"connect: there is no contract at {address} on chain {sender.ChainId} ({options.RpcUrl})");
        }

        return new EvmAnchorLedger(rpc, sender, address);
    }

    /// <summary>Deploys a new TrialRegistry from the embedded bytecode and returns its checksummed address.</summary>
    /// <exception cref="LedgerUnavailableException">The node cannot be reached.</exception>
    public static async Task<string> DeployAsync(EvmLedgerOptions options, TimeProvider? timeProvider = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        var (_, sender) = await OpenAsync(options, timeProvider ?? TimeProvider.System, cancellationToken).ConfigureAwait(false);
        var mined = await sender.SendAsync("deploy TrialRegistry", null, TrialRegistryArtifact.Load().Bytecode, cancellationToken).ConfigureAwait(false);
        return AddressUtil.Current.ConvertToChecksumAddress(mined.Receipt.ContractAddress);
    }

    private static async Task<(EvmRpc Rpc, EvmTransactionSender Sender)> OpenAsync(EvmLedgerOptions options, TimeProvider time, CancellationToken cancellationToken)
    {
        if (options.Confirmations < 1) throw new ArgumentException($"Confirmations must be at least 1, not {options.Confirmations}", nameof(options));
        if (options.GasMarginPercent < 0) throw new ArgumentException($"GasMarginPercent must not be negative, not {options.GasMarginPercent}", nameof(options));
        if (options.PollInterval <= TimeSpan.Zero) throw new ArgumentException("PollInterval must be positive", nameof(options));
        var key = options.PrivateKey?.Trim() ?? "";
        if (!key.IsHex() || key.RemoveHexPrefix().Length != 64)
        {
            // The key itself is never echoed.
            throw new ArgumentException("PrivateKey must be 64 hex digits (a secp256k1 private key)", nameof(options));
        }

        var client = new RpcClient(options.RpcUrl);
        var rpc = new EvmRpc(new Nethereum.Web3.Web3(client), options.RpcUrl);
        var chainId = (await rpc.Guard("connect", () => rpc.Web3.Eth.ChainId.SendRequestAsync(), cancellationToken).ConfigureAwait(false)).Value;
        var account = new Account(key, chainId);
        var signing = new EvmRpc(new Nethereum.Web3.Web3(account, client), options.RpcUrl);
        return (signing, new EvmTransactionSender(signing, account, chainId, options, time));
    }

    // ------------------------------------------------------------------ writes

    /// <inheritdoc />
    public Task<LedgerReceipt> RegisterTrialAsync(string trialId, ContentHash protocolHash, ContentHash sapHash, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(trialId);
        return TransactAsync($"registerTrial({trialId})",
            new RegisterTrialFunction { TrialId = trialId, ProtocolHash = protocolHash.ToArray(), SapHash = sapHash.ToArray() }, cancellationToken);
    }

    /// <inheritdoc />
    public Task<LedgerReceipt> AmendAsync(string trialId, ContentHash protocolHash, ContentHash sapHash, ContentHash reasonHash, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(trialId);
        return TransactAsync($"amend({trialId})",
            new AmendFunction { TrialId = trialId, ProtocolHash = protocolHash.ToArray(), SapHash = sapHash.ToArray(), ReasonHash = reasonHash.ToArray() },
            cancellationToken);
    }

    /// <inheritdoc />
    /// <exception cref="ArgumentException">The key is not 32 bytes (an Ed25519 public key).</exception>
    public Task<LedgerReceipt> RegisterSiteKeyAsync(string trialId, string siteId, ReadOnlyMemory<byte> publicKey, string anchorAccount, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(trialId);
        ArgumentNullException.ThrowIfNull(siteId);
        ArgumentNullException.ThrowIfNull(anchorAccount);
        if (publicKey.Length != 32)
        {
            throw new ArgumentException($"an Ed25519 public key is 32 bytes, not {publicKey.Length}", nameof(publicKey));
        }

        var operation = $"registerSiteKey({trialId}, {siteId})";
        if (!AddressUtil.Current.IsValidEthereumAddressHexFormat(anchorAccount))
        {
            return Task.FromException<LedgerReceipt>(new LedgerRejectedException(operation, $"anchor account '{anchorAccount}' is not an EVM address"));
        }

        return TransactAsync(operation,
            new RegisterSiteKeyFunction { TrialId = trialId, SiteId = siteId, PublicKey = publicKey.ToArray(), AnchorAccount = anchorAccount },
            cancellationToken);
    }

    /// <inheritdoc />
    public Task<LedgerReceipt> RevokeSiteKeyAsync(string trialId, string siteId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(trialId);
        ArgumentNullException.ThrowIfNull(siteId);
        return TransactAsync($"revokeSiteKey({trialId}, {siteId})", new RevokeSiteKeyFunction { TrialId = trialId, SiteId = siteId }, cancellationToken);
    }

    /// <inheritdoc />
    public Task<LedgerReceipt> AnchorAsync(string trialId, AnchorKind kind, ContentHash root, long leafCount, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(trialId);
        var operation = $"anchor({trialId}, {kind})";
        // What uint8/uint64 cannot carry is refused here with the contract's own words.
        if ((int)kind is < 0 or > byte.MaxValue)
        {
            return Task.FromException<LedgerReceipt>(new LedgerRejectedException(operation, $"unknown anchor kind {(int)kind}"));
        }

        if (leafCount < 0)
        {
            return Task.FromException<LedgerReceipt>(new LedgerRejectedException(operation, "leafCount must be at least 1"));
        }

        return TransactAsync(operation,
            new AnchorFunction { TrialId = trialId, Kind = (byte)kind, Root = root.ToArray(), LeafCount = (ulong)leafCount },
            cancellationToken);
    }

    private async Task<LedgerReceipt> TransactAsync<TFunction>(string operation, TFunction function, CancellationToken cancellationToken)
        where TFunction : FunctionMessage, new()
    {
        var data = function.GetCallData().ToHex(prefix: true);
        var mined = await Sender.SendAsync(operation, _contract, data, cancellationToken).ConfigureAwait(false);
        return new LedgerReceipt(Name, mined.Receipt.TransactionHash, (long)mined.Receipt.BlockNumber.Value, mined.BlockTime);
    }

    // ------------------------------------------------------------------ reads

    /// <inheritdoc />
    public async Task<TrialRecord?> GetTrialAsync(string trialId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(trialId);
        var operation = $"getTrial({trialId})";
        var at = await HeadAsync(operation, cancellationToken).ConfigureAwait(false);
        var trial = await QueryAsync<GetTrialFunction, GetTrialOutput>(operation, new GetTrialFunction { TrialId = trialId }, at, cancellationToken)
            .ConfigureAwait(false);
        if (IsZeroAddress(trial.Sponsor)) return null;

        var versions = await ReadAllAsync((int)trial.Versions, i => QueryAsync<VersionAtFunction, VersionAtOutput>(operation,
            new VersionAtFunction { TrialId = trialId, Index = i }, at, cancellationToken), cancellationToken).ConfigureAwait(false);
        var keys = await ReadAllAsync((int)trial.SiteKeys, i => QueryAsync<SiteKeyAtFunction, SiteKeyAtOutput>(operation,
            new SiteKeyAtFunction { TrialId = trialId, Index = i }, at, cancellationToken), cancellationToken).ConfigureAwait(false);

        var trialKey = TrialKey(trialId);
        var registered = await TransactionHashesAsync<TrialRegisteredEvent, int>(operation, trialKey, [versions[0].BlockNumber], _ => 1, cancellationToken)
            .ConfigureAwait(false);
        var amended = await TransactionHashesAsync<AmendedEvent, int>(operation, trialKey, versions.Skip(1).Select(v => v.BlockNumber),
            e => (int)e.Version, cancellationToken).ConfigureAwait(false);
        var keyRegistered = await TransactionHashesAsync<SiteKeyRegisteredEvent, int>(operation, trialKey, keys.Select(k => k.RegisteredBlock),
            e => (int)e.KeyIndex, cancellationToken).ConfigureAwait(false);
        var keyRevoked = await TransactionHashesAsync<SiteKeyRevokedEvent, int>(operation, trialKey,
            keys.Where(k => k.RevokedBlock != 0).Select(k => k.RevokedBlock), e => (int)e.KeyIndex, cancellationToken).ConfigureAwait(false);

        var versionRecords = versions.Select((v, i) =>
        {
            var number = i + 1;
            var hash = Lookup(operation, number == 1 ? registered : amended, number, number == 1 ? "TrialRegistered" : $"Amended(version {number})");
            return new TrialVersion(number, new ContentHash(v.ProtocolHash), new ContentHash(v.SapHash),
                number == 1 ? null : new ContentHash(v.ReasonHash), Receipt(hash, v.BlockNumber, v.Timestamp));
        }).ToList();
        var keyRecords = keys.Select((k, i) => new SiteKeyRecord(
            k.SiteId,
            k.PublicKey,
            Checksummed(k.AnchorAccount),
            Receipt(Lookup(operation, keyRegistered, i, $"SiteKeyRegistered(key {i})"), k.RegisteredBlock, k.RegisteredAt),
            k.RevokedBlock == 0 ? null : Receipt(Lookup(operation, keyRevoked, i, $"SiteKeyRevoked(key {i})"), k.RevokedBlock, k.RevokedAt))).ToList();
        return new TrialRecord(trialId, Checksummed(trial.Sponsor), versionRecords, keyRecords);
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<AnchorRecord>> ListAnchorsAsync(string trialId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(trialId);
        var operation = $"listAnchors({trialId})";
        var at = await HeadAsync(operation, cancellationToken).ConfigureAwait(false);
        var trial = await QueryAsync<GetTrialFunction, GetTrialOutput>(operation, new GetTrialFunction { TrialId = trialId }, at, cancellationToken)
            .ConfigureAwait(false);
        var anchors = await ReadAllAsync((int)trial.Anchors, i => QueryAsync<AnchorAtFunction, AnchorAtOutput>(operation,
            new AnchorAtFunction { TrialId = trialId, Index = i }, at, cancellationToken), cancellationToken).ConfigureAwait(false);
        return await ToRecordsAsync(operation, trialId, anchors, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async Task<AnchorRecord?> FindAnchorAsync(string trialId, ContentHash root, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(trialId);
        var operation = $"findAnchor({trialId}, {root})";
        var at = await HeadAsync(operation, cancellationToken).ConfigureAwait(false);
        var index = await QueryAsync<AnchorIndexOfFunction, IndexOutput>(operation,
            new AnchorIndexOfFunction { TrialId = trialId, Root = root.ToArray() }, at, cancellationToken).ConfigureAwait(false);
        if (!index.Found) return null;
        var anchor = await QueryAsync<AnchorAtFunction, AnchorAtOutput>(operation,
            new AnchorAtFunction { TrialId = trialId, Index = index.Index }, at, cancellationToken).ConfigureAwait(false);
        return (await ToRecordsAsync(operation, trialId, [anchor], cancellationToken).ConfigureAwait(false))[0];
    }

    private async Task<IReadOnlyList<AnchorRecord>> ToRecordsAsync(string operation, string trialId, IReadOnlyList<AnchorAtOutput> anchors, CancellationToken cancellationToken)
    {
        var hashes = await TransactionHashesAsync<AnchoredEvent, string>(operation, TrialKey(trialId), anchors.Select(a => a.BlockNumber),
            e => e.Root.ToHex(), cancellationToken).ConfigureAwait(false);
        return anchors.Select(a =>
        {
            var root = new ContentHash(a.Root);
            var hash = Lookup(operation, hashes, a.Root.ToHex(), $"Anchored({root})");
            return new AnchorRecord(trialId, (AnchorKind)a.Kind, root, (long)a.LeafCount, Checksummed(a.Anchorer), Receipt(hash, a.BlockNumber, a.Timestamp));
        }).ToList();
    }

    private LedgerReceipt Receipt(string transactionHash, ulong block, ulong timestamp) =>
        new(Name, transactionHash, (long)block, DateTimeOffset.FromUnixTimeSeconds((long)timestamp));

    /// <summary>Every read of one call is made at one block, so its parts agree with each other.</summary>
    private async Task<BlockParameter> HeadAsync(string operation, CancellationToken cancellationToken)
    {
        var head = await _rpc.Guard(operation, () => _rpc.Web3.Eth.Blocks.GetBlockNumber.SendRequestAsync(), cancellationToken).ConfigureAwait(false);
        return new BlockParameter(head);
    }

    private Task<TOutput> QueryAsync<TFunction, TOutput>(string operation, TFunction function, BlockParameter at, CancellationToken cancellationToken)
        where TFunction : FunctionMessage, new()
        where TOutput : IFunctionOutputDTO, new() =>
        _rpc.Guard(operation,
            () => _rpc.Web3.Eth.GetContractQueryHandler<TFunction>().QueryDeserializingToObjectAsync<TOutput>(function, _contract, at),
            cancellationToken);

    private static async Task<IReadOnlyList<T>> ReadAllAsync<T>(int count, Func<int, Task<T>> read, CancellationToken cancellationToken)
    {
        var results = new T[count];
        await Parallel.ForEachAsync(Enumerable.Range(0, count),
            new ParallelOptions { MaxDegreeOfParallelism = ReadParallelism, CancellationToken = cancellationToken },
            async (i, _) => results[i] = await read(i).ConfigureAwait(false)).ConfigureAwait(false);
        return results;
    }

    /// <summary>
    /// The contract stores what and when, not the transaction hash; the hash comes from the
    /// events of the blocks the contract names, keyed by what identifies each event.
    /// </summary>
    private async Task<IReadOnlyDictionary<TKey, string>> TransactionHashesAsync<TEvent, TKey>(
        string operation, byte[] trialKey, IEnumerable<ulong> blocks, Func<TEvent, TKey> keyOf, CancellationToken cancellationToken)
        where TEvent : IEventDTO, new()
        where TKey : notnull
    {
        var hashes = new ConcurrentDictionary<TKey, string>();
        var sorted = blocks.Distinct().Order().ToList();
        var windows = new List<(ulong From, ulong To)>();
        for (var i = 0; i < sorted.Count;)
        {
            var from = sorted[i];
            var to = from;
            for (; i < sorted.Count && sorted[i] - from < LogWindowBlocks; i++) to = sorted[i];
            windows.Add((from, to));
        }

        var events = _rpc.Web3.Eth.GetEvent<TEvent>(_contract);
        await Parallel.ForEachAsync(windows, new ParallelOptions { MaxDegreeOfParallelism = ReadParallelism, CancellationToken = cancellationToken },
            async (window, _) =>
            {
                // As object[]: a byte[] alone would bind to the overload that takes one topic per element.
                var filter = events.CreateFilterInput([trialKey], new BlockParameter(window.From), new BlockParameter(window.To));
                var logs = await _rpc.Guard(operation, () => events.GetAllChangesAsync(filter), cancellationToken).ConfigureAwait(false);
                foreach (var log in logs) hashes[keyOf(log.Event)] = log.Log.TransactionHash;
            }).ConfigureAwait(false);
        return hashes;
    }

    private string Lookup<TKey>(string operation, IReadOnlyDictionary<TKey, string> hashes, TKey key, string what) where TKey : notnull =>
        hashes.TryGetValue(key, out var hash)
            ? hash
            : throw new LedgerException($"{operation}: the node at {_rpc.Url} has no {what} event of contract {_contract}; is it pruning logs?");

    private static byte[] TrialKey(string trialId) => Sha3Keccack.Current.CalculateHash(Encoding.UTF8.GetBytes(trialId));

    private static bool IsZeroAddress(string? address) => string.IsNullOrEmpty(address) || address.RemoveHexPrefix().All(c => c == '0');

    private static string Checksummed(string address) => AddressUtil.Current.ConvertToChecksumAddress(address);
}
