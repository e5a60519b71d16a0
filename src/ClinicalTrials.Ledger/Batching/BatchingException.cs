namespace ClinicalTrials.Ledger.Batching;

/// <summary>
/// A batcher operation could not be done: an unknown or still-open batch, an event lost before it
/// reached the disk, a damaged store, a directory in use. The message names the batch or file.
/// </summary>
public sealed class BatchingException(string message, Exception? inner = null) : Exception(message, inner);
