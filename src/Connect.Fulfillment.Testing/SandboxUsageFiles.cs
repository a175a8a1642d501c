using System.Text.Json.Nodes;
using Connect.Fulfillment.Testing.Internal.Sandbox;
using Connect.Fulfillment.Testing.Internal.Usage;

namespace Connect.Fulfillment.Testing;

/// <summary>
/// Inspects the usage files vendors create through <c>/usage/files</c>, and plays the provider's side of them:
/// <see cref="Accept"/>, <see cref="Reject"/> and <see cref="Close"/> are not offered to API callers.
/// </summary>
public sealed class SandboxUsageFiles
{
    private readonly SandboxStore _state;
    private readonly UsageFileTransitions _transitions;

    internal SandboxUsageFiles(SandboxStore state)
    {
        _state = state;
        _transitions = new UsageFileTransitions(state);
    }

    /// <summary>Gets how many usage files are stored, deleted ones included.</summary>
    public int Count => _state.Read(s => s.UsageFiles.Count);

    /// <summary>
    /// Gets or sets how many reads (<c>GET /usage/files/{id}</c>) an uploaded or reprocessed file stays
    /// <c>processing</c> before it shows its result (<c>ready</c> or <c>invalid</c>). Default 0: the upload answer
    /// already carries the result. Lists show the file as the last read left it.
    /// </summary>
    public int ProcessingReads
    {
        get => _state.Read(s => s.UsageProcessingReads);
        set
        {
            ArgumentOutOfRangeException.ThrowIfNegative(value);
            _state.Read(s => s.UsageProcessingReads = value);
        }
    }

    /// <summary>Gets a copy of a usage file as <c>GET /usage/files/{id}</c> shows it (without counting as a read).</summary>
    /// <param name="usageFileId">The id (<c>UF-…</c>).</param>
    /// <returns>A deep copy, or null when unknown.</returns>
    public JsonObject? Get(string usageFileId) => _state.CopyOf(_state.UsageFiles, usageFileId);

    /// <summary>Gets a usage file's status.</summary>
    /// <param name="usageFileId">The id.</param>
    /// <returns>The status, or null when unknown.</returns>
    public string? GetStatus(string usageFileId) => _state.ReadString(_state.UsageFiles, usageFileId, "status");

    /// <summary>Gets the records of the last processed workbook that passed the checks, in sheet order.</summary>
    /// <param name="usageFileId">The id.</param>
    /// <returns>The records; empty when unknown or nothing was uploaded.</returns>
    public IReadOnlyList<SandboxUsageRecord> GetRecords(string usageFileId) =>
        _state.Read(s => s.UsageFileStates.TryGetValue(usageFileId, out var f) ? f.Records.ToArray() : []);

    /// <summary>Gets every problem found in the last processed workbook (<c>error_detail</c> shows the first ones).</summary>
    /// <param name="usageFileId">The id.</param>
    /// <returns>The problems; empty when the file is valid, unknown, or not processed.</returns>
    public IReadOnlyList<string> GetErrors(string usageFileId) =>
        _state.Read(s => s.UsageFileStates.TryGetValue(usageFileId, out var f) ? f.Errors.ToArray() : []);

    /// <summary>Accepts a submitted (<c>pending</c>) file, as the provider does.</summary>
    /// <param name="usageFileId">The id.</param>
    /// <param name="note">The acceptance note.</param>
    /// <exception cref="InvalidOperationException">The file is unknown or not pending.</exception>
    public void Accept(string usageFileId, string? note = null) => Run(usageFileId, f => _transitions.Accept(f, note));

    /// <summary>Rejects a submitted (<c>pending</c>) file, as the provider does.</summary>
    /// <param name="usageFileId">The id.</param>
    /// <param name="reason">The rejection note.</param>
    /// <exception cref="InvalidOperationException">The file is unknown or not pending.</exception>
    public void Reject(string usageFileId, string reason)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(reason);
        Run(usageFileId, f => _transitions.Reject(f, reason));
    }

    /// <summary>Closes an <c>accepted</c> file (billed), as the provider does.</summary>
    /// <param name="usageFileId">The id.</param>
    /// <exception cref="InvalidOperationException">The file is unknown or not accepted.</exception>
    public void Close(string usageFileId) => Run(usageFileId, _transitions.Close);

    /// <summary>Puts a file in any status directly, e.g. <c>processing</c> or <c>uploading</c>, to test how a caller reacts.</summary>
    /// <param name="usageFileId">The id.</param>
    /// <param name="status">The status, as Connect spells it.</param>
    /// <exception cref="InvalidOperationException">The file is unknown.</exception>
    public void SetStatus(string usageFileId, string status)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(status);
        Run(usageFileId, f =>
        {
            _transitions.SetStatus(f, status);
            return null;
        });
    }

    private void Run(string usageFileId, Func<JsonObject, string?> change)
    {
        ArgumentException.ThrowIfNullOrEmpty(usageFileId);
        var problem = _state.Read(s => s.UsageFiles.Get(usageFileId) is { } f ? change(f) : $"Usage file {usageFileId} not found.");
        if (problem is not null)
        {
            throw new InvalidOperationException(problem);
        }
    }
}
