namespace Connect.Fulfillment.Models;

/// <summary>A message in a conversation.</summary>
public sealed record ConversationMessage
{
    /// <summary>The message id (<c>ME-…</c>).</summary>
    public string? Id { get; init; }

    /// <summary>The id of the conversation.</summary>
    public string? Conversation { get; init; }

    /// <summary>When the message was created.</summary>
    public DateTimeOffset? Created { get; init; }

    /// <summary>Who wrote the message.</summary>
    public Reference? Creator { get; init; }

    /// <summary>The text.</summary>
    public string? Text { get; init; }

    /// <summary>The message type: <c>message</c>, <c>private</c> or <c>state_change</c>.</summary>
    public string? Type { get; init; }
}
