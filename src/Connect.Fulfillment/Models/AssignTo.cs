namespace Connect.Fulfillment.Models;

/// <summary>Whom to assign a request to: a user id or an e-mail address.</summary>
public sealed record AssignTo
{
    private AssignTo(string? userId, string? email)
    {
        UserId = userId;
        Email = email;
    }

    /// <summary>The user id (<c>UR-…</c>).</summary>
    public string? UserId { get; }

    /// <summary>The user's e-mail address.</summary>
    public string? Email { get; }

    /// <summary>Assigns to a user by id.</summary>
    /// <param name="userId">The user id.</param>
    /// <returns>The assignment.</returns>
    public static AssignTo User(string userId)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(userId);
        return new AssignTo(userId, null);
    }

    /// <summary>Assigns to a user by e-mail address.</summary>
    /// <param name="email">The e-mail address.</param>
    /// <returns>The assignment.</returns>
    public static AssignTo UserWithEmail(string email)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(email);
        return new AssignTo(null, email);
    }
}
