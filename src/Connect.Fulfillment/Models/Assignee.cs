using System.Text.Json.Serialization;
using Connect.Fulfillment.Serialization.Internal;

namespace Connect.Fulfillment.Models;

/// <summary>The user a request is assigned to. Connect sends either a plain string or an object.</summary>
[JsonConverter(typeof(AssigneeJsonConverter))]
public sealed record Assignee
{
    /// <summary>The user's id (<c>UR-…</c>), or the plain string Connect sent.</summary>
    public string? Id { get; init; }

    /// <summary>The user's display name.</summary>
    public string? Name { get; init; }

    /// <summary>The user's e-mail address.</summary>
    public string? Email { get; init; }
}
