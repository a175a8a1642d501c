using System.Text.Json;

namespace Connect.Fulfillment.Serialization.Readers;

/// <summary>
/// A value inside a hand-read model has the wrong shape. The message ends with the path of the value from the model
/// read by the serializer (<c>Path: $.asset.parameters[2].value_choices</c>), which the serializer itself cannot know.
/// It names where the fault is, never the value.
/// </summary>
internal sealed class ModelReadException : JsonException
{
    /// <summary>Creates the error.</summary>
    /// <param name="reason">What is wrong, without the path.</param>
    /// <param name="relativePath">The path below the model, such as <c>.asset.parameters[2]</c>.</param>
    /// <param name="innerException">The error of the value, when there is one.</param>
    public ModelReadException(string reason, string relativePath, Exception? innerException)
        : base($"{reason} Path: ${relativePath}.", innerException)
    {
        Reason = reason;
        RelativePath = relativePath;
    }

    /// <summary>What is wrong, without the path.</summary>
    public string Reason { get; }

    /// <summary>The path below the model the serializer read.</summary>
    public string RelativePath { get; }
}
