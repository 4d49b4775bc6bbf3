using System.Text;
using Dapper;

namespace Daemun.OpenIdProvider.Storage;

/// <summary>A WHERE clause built from the optional equality filters of OpenIddict's Find/Revoke methods: a null value filters nothing.
/// Only column names written in this project go into the SQL; values are parameters.</summary>
internal sealed class OidcFilter
{
    private readonly StringBuilder _sql = new("1 = 1");

    public DynamicParameters Parameters { get; } = new();

    public string Sql => _sql.ToString();

    /// <summary>Adds <c>column = @value</c> when <paramref name="value"/> is not null.</summary>
    public OidcFilter Equal(string column, string? value)
    {
        if (value is null) return this;
        var name = $"f_{column}";
        _sql.Append($" AND {column} = @{name}");
        Parameters.Add(name, value);
        return this;
    }

    /// <summary>Adds a condition written by the caller (no values of its own, or ones added to <see cref="Parameters"/>).</summary>
    public OidcFilter And(string condition)
    {
        _sql.Append($" AND ({condition})");
        return this;
    }
}
