namespace Parties;

/// <summary>
/// The party table's duplicated columns (Marten's names for <see cref="Party.NameKey"/> and <see cref="Party.Number"/>,
/// see <c>PartiesStore</c>), for the SQL and the index definitions that name them; Marten's LINQ reads them itself.
/// </summary>
public static class PartyColumns
{
    public const string NameKey = "name_key";
    public const string Number = "number";
}
