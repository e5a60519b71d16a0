// SPDX-License-Identifier: UNLICENSED
pragma solidity ^0.8.24;

/// @title TrialRegistry: the clinical trial's notary on an EVM chain.
/// @notice Registers a trial's protocol and SAP hashes before enrollment, keeps every amendment
/// as a new version, registers the sites' Ed25519 keys with the account that anchors for each
/// site, and records one Merkle root per batch of events (consents, randomizations, data locks,
/// aggregates, results, evidence bundles).
///
/// Trial ids: every function takes the trial id as its UTF-8 string (e.g. "HT-001") so that a
/// refusal can name the trial; storage and event topics are keyed by keccak256(bytes(trialId)),
/// which `trialKey` computes. Refusals revert with Error(string) whose text names the rule, e.g.
/// "not the sponsor of trial HT-001"; the embedded ledger uses the same texts.
///
/// Anchors are constant-size: a root, who anchored, the kind and the leaf count (a plain number,
/// so a batch of ten million events costs what a batch of one does), block and time.
contract TrialRegistry {
    /// @dev AnchorKind values (ClinicalTrials.Ledger.AnchorKind): ConsentBatch 0,
    /// RandomizationCommitment 1, EnrollmentBatch 2, DataLock 3, AggregateBatch 4, Result 5,
    /// Bundle 6, Unblinding 7. Bit k of a mask is kind k.
    uint8 public constant MAX_KIND = 7;
    uint256 private constant SPONSOR_KINDS = (1 << 3) | (1 << 4) | (1 << 5) | (1 << 6) | (1 << 7);
    uint256 private constant SITE_KINDS = (1 << 0) | (1 << 1) | (1 << 2) | (1 << 3);
    /// @dev 2^53 - 1: the largest count every ledger can write exactly (the embedded ledger's JSON too).
    uint64 public constant MAX_LEAF_COUNT = 9007199254740991;

    struct Version {
        bytes32 protocolHash;
        bytes32 sapHash;
        bytes32 reasonHash; // zero for version 1 (the registration)
        uint64 blockNumber;
        uint64 timestamp;
    }

    struct SiteKey {
        string siteId;
        bytes32 publicKey; // Ed25519
        address anchorAccount;
        uint64 registeredBlock;
        uint64 registeredAt;
        uint64 revokedBlock; // zero while active
        uint64 revokedAt;
    }

    /// @dev Two slots: the root, then anchorer + kind + leafCount packed.
    struct Anchor {
        bytes32 root;
        address anchorer;
        uint8 kind;
        uint64 leafCount;
    }

    /// @dev One slot per root: where the anchor is (index + 1, so zero means none) and when.
    struct AnchorPlace {
        uint64 position;
        uint64 blockNumber;
        uint64 timestamp;
    }

    struct Trial {
        string id;
        address sponsor;
        Version[] versions;
        SiteKey[] siteKeys;
        Anchor[] anchors;
        mapping(bytes32 => uint256) siteKeyPosition; // keccak256(siteId) => index + 1 of its latest key
        mapping(address => uint256) activeSiteKeys; // account => how many active site keys it anchors for
        mapping(bytes32 => AnchorPlace) anchorPlace; // root => place
    }

    mapping(bytes32 => Trial) private _trials;

    event TrialRegistered(bytes32 indexed trialKey, address indexed sponsor, string trialId, bytes32 protocolHash, bytes32 sapHash);
    event Amended(bytes32 indexed trialKey, uint256 indexed version, bytes32 protocolHash, bytes32 sapHash, bytes32 reasonHash);
    event SiteKeyRegistered(bytes32 indexed trialKey, uint256 indexed keyIndex, address indexed anchorAccount, string siteId, bytes32 publicKey);
    event SiteKeyRevoked(bytes32 indexed trialKey, uint256 indexed keyIndex, string siteId);
    event Anchored(bytes32 indexed trialKey, bytes32 indexed root, uint8 indexed kind, uint256 index, uint64 leafCount, address anchorer);

    // ---------------------------------------------------------------- transactions

    /// @notice Registers a trial; the caller becomes its sponsor. A trial id registers once.
    function registerTrial(string calldata trialId, bytes32 protocolHash, bytes32 sapHash) external {
        if (bytes(trialId).length == 0) revert("trial id must not be empty");
        bytes32 key = keccak256(bytes(trialId));
        Trial storage t = _trials[key];
        if (t.sponsor != address(0)) revert(string.concat("trial ", trialId, " is already registered"));
        t.id = trialId;
        t.sponsor = msg.sender;
        t.versions.push(Version(protocolHash, sapHash, bytes32(0), uint64(block.number), uint64(block.timestamp)));
        emit TrialRegistered(key, msg.sender, trialId, protocolHash, sapHash);
    }

    /// @notice Adds a version (history kept); sponsor only. Returns the new 1-based version number.
    function amend(string calldata trialId, bytes32 protocolHash, bytes32 sapHash, bytes32 reasonHash) external returns (uint256 version) {
        bytes32 key = keccak256(bytes(trialId));
        Trial storage t = _sponsored(key, trialId);
        t.versions.push(Version(protocolHash, sapHash, reasonHash, uint64(block.number), uint64(block.timestamp)));
        version = t.versions.length;
        emit Amended(key, version, protocolHash, sapHash, reasonHash);
    }

    /// @notice Registers a site's Ed25519 key and the account that anchors for it; sponsor only.
    /// A site has at most one active key; after revocation it may be registered again.
    function registerSiteKey(string calldata trialId, string calldata siteId, bytes32 publicKey, address anchorAccount)
        external
        returns (uint256 keyIndex)
    {
        bytes32 key = keccak256(bytes(trialId));
        Trial storage t = _sponsored(key, trialId);
        if (bytes(siteId).length == 0) revert("site id must not be empty");
        if (publicKey == bytes32(0)) revert("site public key must not be zero");
        if (anchorAccount == address(0)) revert("site anchor account must not be the zero address");
        bytes32 siteKey = keccak256(bytes(siteId));
        uint256 position = t.siteKeyPosition[siteKey];
        if (position != 0 && t.siteKeys[position - 1].revokedBlock == 0) {
            revert(string.concat("site ", siteId, " already has an active key in trial ", trialId));
        }
        t.siteKeys.push(SiteKey(siteId, publicKey, anchorAccount, uint64(block.number), uint64(block.timestamp), 0, 0));
        keyIndex = t.siteKeys.length - 1;
        t.siteKeyPosition[siteKey] = keyIndex + 1;
        t.activeSiteKeys[anchorAccount] += 1;
        emit SiteKeyRegistered(key, keyIndex, anchorAccount, siteId, publicKey);
    }

    /// @notice Revokes a site's active key and with it its account's right to anchor for the site; sponsor only.
    function revokeSiteKey(string calldata trialId, string calldata siteId) external returns (uint256 keyIndex) {
        bytes32 key = keccak256(bytes(trialId));
        Trial storage t = _sponsored(key, trialId);
        uint256 position = t.siteKeyPosition[keccak256(bytes(siteId))];
        if (position == 0 || t.siteKeys[position - 1].revokedBlock != 0) {
            revert(string.concat("site ", siteId, " has no active key in trial ", trialId));
        }
        keyIndex = position - 1;
        SiteKey storage k = t.siteKeys[keyIndex];
        k.revokedBlock = uint64(block.number);
        k.revokedAt = uint64(block.timestamp);
        t.activeSiteKeys[k.anchorAccount] -= 1;
        emit SiteKeyRevoked(key, keyIndex, siteId);
    }

    /// @notice Anchors one Merkle root of `leafCount` events. The sponsor anchors DataLock,
    /// AggregateBatch, Result, Bundle and Unblinding; an active site's anchor account anchors
    /// ConsentBatch, RandomizationCommitment, EnrollmentBatch and DataLock. A root is anchored
    /// once per trial. Returns the anchor's 0-based index. Checks in the embedded ledger's order:
    /// registered, leaf count, root, kind, who.
    function anchor(string calldata trialId, uint8 kind, bytes32 root, uint64 leafCount) external returns (uint256 index) {
        bytes32 key = keccak256(bytes(trialId));
        Trial storage t = _registered(key, trialId);
        if (leafCount == 0) revert("leafCount must be at least 1");
        if (leafCount > MAX_LEAF_COUNT) revert("leafCount must be at most 9007199254740991");
        if (root == bytes32(0)) revert("root must not be zero");
        if (kind > MAX_KIND) revert(string.concat("unknown anchor kind ", _decimal(kind)));
        _requireAnchorer(t, trialId, kind);
        AnchorPlace storage place = t.anchorPlace[root];
        if (place.position != 0) {
            revert(string.concat("root ", _hex(root), " is already anchored in trial ", trialId));
        }
        t.anchors.push(Anchor(root, msg.sender, kind, leafCount));
        index = t.anchors.length - 1;
        place.position = uint64(index + 1);
        place.blockNumber = uint64(block.number);
        place.timestamp = uint64(block.timestamp);
        emit Anchored(key, root, kind, index, leafCount, msg.sender);
    }

    // ---------------------------------------------------------------- views

    /// @notice The storage key of a trial id: keccak256 of its UTF-8 bytes (the events' trialKey topic).
    function trialKey(string calldata trialId) external pure returns (bytes32) {
        return keccak256(bytes(trialId));
    }

    /// @notice The trial's sponsor (zero when not registered) and how many versions, site keys and anchors it has.
    function getTrial(string calldata trialId)
        external
        view
        returns (address sponsor, uint256 versions, uint256 siteKeys, uint256 anchors)
    {
        Trial storage t = _trials[keccak256(bytes(trialId))];
        return (t.sponsor, t.versions.length, t.siteKeys.length, t.anchors.length);
    }

    /// @notice How many versions the trial has (1 + amendments).
    function versionCount(string calldata trialId) external view returns (uint256) {
        return _trials[keccak256(bytes(trialId))].versions.length;
    }

    /// @notice Version at 0-based `index` (version number index + 1).
    function versionAt(string calldata trialId, uint256 index)
        external
        view
        returns (bytes32 protocolHash, bytes32 sapHash, bytes32 reasonHash, uint64 blockNumber, uint64 timestamp)
    {
        Version storage v = _trials[keccak256(bytes(trialId))].versions[index];
        return (v.protocolHash, v.sapHash, v.reasonHash, v.blockNumber, v.timestamp);
    }

    /// @notice How many site keys were ever registered for the trial (revoked ones included).
    function siteKeyCount(string calldata trialId) external view returns (uint256) {
        return _trials[keccak256(bytes(trialId))].siteKeys.length;
    }

    /// @notice Site key at 0-based `index`, in registration order; revokedBlock is zero while active.
    function siteKeyAt(string calldata trialId, uint256 index)
        external
        view
        returns (
            string memory siteId,
            bytes32 publicKey,
            address anchorAccount,
            uint64 registeredBlock,
            uint64 registeredAt,
            uint64 revokedBlock,
            uint64 revokedAt
        )
    {
        SiteKey storage k = _trials[keccak256(bytes(trialId))].siteKeys[index];
        return (k.siteId, k.publicKey, k.anchorAccount, k.registeredBlock, k.registeredAt, k.revokedBlock, k.revokedAt);
    }

    /// @notice Index of the site's latest key (active or revoked), if it has one.
    function siteKeyIndexOf(string calldata trialId, string calldata siteId) external view returns (bool found, uint256 index) {
        uint256 position = _trials[keccak256(bytes(trialId))].siteKeyPosition[keccak256(bytes(siteId))];
        return position == 0 ? (false, 0) : (true, position - 1);
    }

    /// @notice True while `account` anchors for at least one active site of the trial.
    function isActiveSite(string calldata trialId, address account) external view returns (bool) {
        return _trials[keccak256(bytes(trialId))].activeSiteKeys[account] != 0;
    }

    /// @notice How many anchors the trial has.
    function anchorCount(string calldata trialId) external view returns (uint256) {
        return _trials[keccak256(bytes(trialId))].anchors.length;
    }

    /// @notice Anchor at 0-based `index`, in chain order.
    function anchorAt(string calldata trialId, uint256 index)
        external
        view
        returns (bytes32 root, uint8 kind, uint64 leafCount, address anchorer, uint64 blockNumber, uint64 timestamp)
    {
        Trial storage t = _trials[keccak256(bytes(trialId))];
        Anchor storage a = t.anchors[index];
        AnchorPlace storage place = t.anchorPlace[a.root];
        return (a.root, a.kind, a.leafCount, a.anchorer, place.blockNumber, place.timestamp);
    }

    /// @notice Index of the anchor of `root` in the trial, if anchored.
    function anchorIndexOf(string calldata trialId, bytes32 root) external view returns (bool found, uint256 index) {
        uint64 position = _trials[keccak256(bytes(trialId))].anchorPlace[root].position;
        return position == 0 ? (false, 0) : (true, uint256(position) - 1);
    }

    // ---------------------------------------------------------------- rules

    function _registered(bytes32 key, string calldata trialId) private view returns (Trial storage t) {
        t = _trials[key];
        if (t.sponsor == address(0)) revert(string.concat("trial ", trialId, " is not registered"));
    }

    function _sponsored(bytes32 key, string calldata trialId) private view returns (Trial storage t) {
        t = _registered(key, trialId);
        if (t.sponsor != msg.sender) revert(string.concat("not the sponsor of trial ", trialId));
    }

    function _requireAnchorer(Trial storage t, string calldata trialId, uint8 kind) private view {
        uint256 bit = uint256(1) << kind;
        // The sponsor's check comes first and short-circuits, so the sponsor's anchors never read the site table.
        bool isSponsor = msg.sender == t.sponsor;
        bool sponsorKind = SPONSOR_KINDS & bit != 0;
        if (isSponsor && sponsorKind) return;
        bool siteKind = SITE_KINDS & bit != 0;
        if (siteKind && t.activeSiteKeys[msg.sender] != 0) return;
        // The refusal names the rule that stands in the way, for the sponsor, a site or anyone else alike.
        if (!siteKind) revert(string.concat("kind ", _kindName(kind), " may only be anchored by the sponsor"));
        if (!sponsorKind && isSponsor) revert(string.concat("kind ", _kindName(kind), " may only be anchored by a site"));
        revert(string.concat("account ", _checksummed(msg.sender), " is not an active site of trial ", trialId));
    }

    // ---------------------------------------------------------------- text for messages

    function _kindName(uint8 kind) private pure returns (string memory) {
        if (kind == 0) return "ConsentBatch";
        if (kind == 1) return "RandomizationCommitment";
        if (kind == 2) return "EnrollmentBatch";
        if (kind == 3) return "DataLock";
        if (kind == 4) return "AggregateBatch";
        if (kind == 5) return "Result";
        if (kind == 6) return "Bundle";
        return "Unblinding";
    }

    function _decimal(uint256 value) private pure returns (string memory) {
        if (value == 0) return "0";
        uint256 digits;
        for (uint256 v = value; v != 0; v /= 10) digits++;
        bytes memory out = new bytes(digits);
        for (; value != 0; value /= 10) out[--digits] = bytes1(uint8(48 + (value % 10)));
        return string(out);
    }

    bytes16 private constant HEX_DIGITS = "0123456789abcdef";

    function _hex(bytes32 value) private pure returns (string memory) {
        bytes memory out = new bytes(66);
        out[0] = "0";
        out[1] = "x";
        for (uint256 i = 0; i < 32; i++) {
            out[2 + 2 * i] = HEX_DIGITS[uint8(value[i]) >> 4];
            out[3 + 2 * i] = HEX_DIGITS[uint8(value[i]) & 0x0f];
        }
        return string(out);
    }

    /// @dev EIP-55 mixed-case form, as wallets and Nethereum print addresses.
    function _checksummed(address account) private pure returns (string memory) {
        bytes memory lower = new bytes(40);
        uint160 value = uint160(account);
        for (uint256 i = 40; i > 0; i--) {
            lower[i - 1] = HEX_DIGITS[value & 0x0f];
            value >>= 4;
        }
        bytes32 hash = keccak256(lower);
        bytes memory out = new bytes(42);
        out[0] = "0";
        out[1] = "x";
        for (uint256 i = 0; i < 40; i++) {
            bytes1 c = lower[i];
            uint8 nibble = i % 2 == 0 ? uint8(hash[i / 2]) >> 4 : uint8(hash[i / 2]) & 0x0f;
            // Letters whose hash nibble is 8 or more are upper-cased.
            if (c >= "a" && nibble >= 8) c = bytes1(uint8(c) - 32);
            out[2 + i] = c;
        }
        return string(out);
    }
}
