namespace Connect.Fulfillment.PostgreSql.Internal;

/// <summary>A lease connection broke, or was found broken, while a lease was being taken on it; nothing is held.</summary>
internal sealed class LeaseConnectionLostException : InvalidOperationException
{
    public LeaseConnectionLostException()
        : base("The PostgreSQL connection holding request leases was lost.")
    {
    }

    public LeaseConnectionLostException(Exception innerException)
        : base("The PostgreSQL connection holding request leases was lost: " + innerException.Message, innerException)
    {
    }
}
