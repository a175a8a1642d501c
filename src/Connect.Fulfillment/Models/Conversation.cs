namespace Connect.Fulfillment.Models;

/// <summary>A conversation attached to a Connect object such as a request.</summary>
public sealed record Conversation
{
    /// <summary>The conversation id (<c>CO-…</c>).</summary>
    public string? Id { get; init; }

    /// <summary>The id of the object the conversation belongs to, for example a request id.</summary>
    public string? InstanceId { get; init; }

    /// <summary>The topic, for example <c>Fulfillment Request &lt;PR-…&gt;</c>.</summary>
    public string? Topic { get; init; }

    /// <summary>The conversation type: <see cref="ConversationType.Conversation"/> (with the customer) or <see cref="ConversationType.Notes"/> (internal notes).</summary>
    public ConversationType Type { get; init; }

    /// <summary>When the conversation was created.</summary>
    public DateTimeOffset? Created { get; init; }

    /// <summary>Who created the conversation.</summary>
    public Reference? Creator { get; init; }

    /// <summary>The messages, when Connect includes them.</summary>
    public IReadOnlyList<ConversationMessage> Messages { get; init => field = value ?? []; } = [];
}
