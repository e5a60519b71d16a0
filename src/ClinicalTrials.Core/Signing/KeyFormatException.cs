namespace ClinicalTrials.Core.Signing;

/// <summary>
/// A key that cannot be used: unreadable PEM, wrong key type or length, a private key file
/// readable by others, or a key file that would overwrite an existing one. The message names
/// the file when there is one.
/// </summary>
public sealed class KeyFormatException(string message, Exception? inner = null) : Exception(message, inner);
