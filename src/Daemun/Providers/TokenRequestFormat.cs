namespace Daemun.Providers;

/// <summary>How the token request carries its parameters.</summary>
public enum TokenRequestFormat
{
    /// <summary>RFC 6749: POST with an <c>application/x-www-form-urlencoded</c> body.</summary>
    Form,
    /// <summary>POST with a JSON object of string members (Qiita, Notion, Trakt, Atlassian).</summary>
    Json,
    /// <summary>GET with the parameters in the query string (Foursquare, Deezer). The client secret, when sent in the request, is then
    /// in the URL: only when the provider documents nothing else; the URL is never logged.</summary>
    Query,
}
