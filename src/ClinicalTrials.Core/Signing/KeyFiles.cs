namespace ClinicalTrials.Core.Signing;

/// <summary>
/// Key files. Private key: PKCS#8 PEM (<c>-----BEGIN PRIVATE KEY-----</c>, RFC 8410, unencrypted),
/// created with mode 0600 on Unix and refused when group or others can read it (as OpenSSH does).
/// Public key: SubjectPublicKeyInfo PEM (<c>-----BEGIN PUBLIC KEY-----</c>). Neither is ever overwritten.
/// </summary>
public static class KeyFiles
{
    private const UnixFileMode OwnerOnly = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    private const UnixFileMode GroupOrOthers =
        UnixFileMode.GroupRead | UnixFileMode.GroupWrite | UnixFileMode.GroupExecute |
        UnixFileMode.OtherRead | UnixFileMode.OtherWrite | UnixFileMode.OtherExecute;

    /// <summary>Writes the private key; the file is created owner-only, never replaced.</summary>
    /// <exception cref="KeyFormatException">The file already exists.</exception>
    public static void WritePrivateKey(string path, SigningKey key)
    {
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write, Share = FileShare.None };
        // Created with 0600 from the start: a chmod afterwards would leave a window where others can read it.
        if (!OperatingSystem.IsWindows()) options.UnixCreateMode = OwnerOnly;
        Write(path, key.ExportPkcs8Pem(), options);
    }

    /// <summary>Reads a private key written by <see cref="WritePrivateKey"/> (or by <c>openssl genpkey -algorithm ed25519</c>).</summary>
    /// <exception cref="KeyFormatException">The file is readable by others, or is not an Ed25519 PKCS#8 PEM.</exception>
    public static SigningKey ReadPrivateKey(string path)
    {
        if (!OperatingSystem.IsWindows())
        {
            var mode = File.GetUnixFileMode(path);
            if ((mode & GroupOrOthers) != 0)
                throw new KeyFormatException($"{path}: private key file is accessible by group or others (mode {Octal(mode)}); run: chmod 600 {path}");
        }
        try { return SigningKey.ImportPkcs8Pem(File.ReadAllText(path)); }
        catch (KeyFormatException e) { throw new KeyFormatException($"{path}: {e.Message}", e); }
    }

    /// <summary>Writes the public key PEM; never replaces an existing file.</summary>
    /// <exception cref="KeyFormatException">The file already exists.</exception>
    public static void WritePublicKey(string path, VerificationKey key) =>
        Write(path, key.ExportPem(), new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write });

    /// <summary>Reads a public key PEM.</summary>
    /// <exception cref="KeyFormatException">The file is not an Ed25519 public key PEM.</exception>
    public static VerificationKey ReadPublicKey(string path)
    {
        try { return VerificationKey.ImportPem(File.ReadAllText(path)); }
        catch (KeyFormatException e) { throw new KeyFormatException($"{path}: {e.Message}", e); }
    }

    private static void Write(string path, string pem, FileStreamOptions options)
    {
        // FileMode.CreateNew still guards against a file appearing after this check.
        if (File.Exists(path)) throw new KeyFormatException($"{path}: already exists; refusing to overwrite a key file");
        using var stream = new FileStream(path, options);
        using var writer = new StreamWriter(stream);
        writer.Write(pem);
    }

    private static string Octal(UnixFileMode mode) => "0" + Convert.ToString((int)mode, 8);
}
