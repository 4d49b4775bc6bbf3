using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Daemun.Emulator.Tests.Support;

namespace Daemun.Emulator.Tests;

/// <summary>GitHub OAuth apps as the emulator serves them.</summary>
public sealed class GitHubTests : EmulatorTest
{
    private EmulatorClient App => Emulator.Client("github");
    private ProviderEndpoints Urls => Emulator.EndpointsFor("github");

    private Task<string> CodeAsync(string person = "kim", string scope = "read:user user:email", string[]? decline = null, params (string, string?)[] extra) =>
        Browser.CodeAsync("github", Browser.AuthorizeUrl("github", [("scope", scope), ("state", "st"), .. extra]), person, decline ?? []);

    private async Task<HttpResponseMessage> TokenAsync(string code, bool json, params (string, string?)[] extra)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, Urls.TokenEndpoint)
        {
            Content = new FormUrlEncodedContent(new (string, string?)[] { ("client_id", App.ClientId), ("client_secret", App.ClientSecret), ("code", code) }
                .Concat(extra).Where(f => f.Item2 is not null).Select(f => new KeyValuePair<string, string>(f.Item1, f.Item2!))),
        };
        if (json) request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        return await Browser.Http.SendAsync(request);
    }

    private async Task<string> AccessTokenAsync(string person = "kim", string scope = "read:user user:email", string[]? decline = null)
    {
        using var response = await TokenAsync(await CodeAsync(person, scope, decline), json: true);
        return (await response.JsonAsync()).Str("access_token");
    }

    private async Task<(HttpStatusCode Status, JsonElement Json)> ApiAsync(string url, string? token)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.UserAgent.ParseAdd("daemun-tests/1.0");
        if (token is not null) request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        using var response = await Browser.Http.SendAsync(request);
        return (response.StatusCode, await response.JsonAsync());
    }

    [Fact]
    public async Task Token_is_form_encoded_by_default()
    {
        using var response = await TokenAsync(await CodeAsync(), json: false);
        Assert.Equal("application/x-www-form-urlencoded", response.Content.Headers.ContentType!.MediaType);
        var fields = Browser.Query("?" + await response.Content.ReadAsStringAsync());
        Assert.StartsWith("gho_", fields["access_token"], StringComparison.Ordinal);
        Assert.Equal("bearer", fields["token_type"]);
        Assert.Equal("read:user,user:email", fields["scope"]);
    }

    [Fact]
    public async Task Token_is_json_when_accept_asks_for_json()
    {
        using var response = await TokenAsync(await CodeAsync(), json: true);
        Assert.Equal("application/json", response.Content.Headers.ContentType!.MediaType);
        var token = await response.JsonAsync();
        Assert.StartsWith("gho_", token.Str("access_token"), StringComparison.Ordinal);
        Assert.Equal("bearer", token.Str("token_type"));
    }

    [Fact]
    public async Task Errors_come_with_HTTP_200_and_reused_code_is_bad_verification_code()
    {
        var code = await CodeAsync();
        (await TokenAsync(code, json: true)).Dispose();
        using var response = await TokenAsync(code, json: true);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var error = await response.JsonAsync();
        Assert.Equal("bad_verification_code", error.Str("error"));
        Assert.Equal("The code passed is incorrect or expired.", error.Str("error_description"));
        Assert.StartsWith("https://docs.github.com/", error.Str("error_uri"), StringComparison.Ordinal);

        using var form = await TokenAsync(code, json: false);
        Assert.Equal("bad_verification_code", Browser.Query("?" + await form.Content.ReadAsStringAsync())["error"]);
    }

    [Fact]
    public async Task Wrong_secret_is_incorrect_client_credentials_with_HTTP_200()
    {
        using var response = await TokenAsync(await CodeAsync(), json: true, ("client_secret", "wrong"));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("incorrect_client_credentials", (await response.JsonAsync()).Str("error"));
    }

    [Fact]
    public async Task User_id_is_a_number_and_public_email_is_shown()
    {
        var (status, user) = await ApiAsync(Urls.UserInfoEndpoint, await AccessTokenAsync());
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(JsonValueKind.Number, user.GetProperty("id").ValueKind);
        Assert.Equal(5820473, user.GetProperty("id").GetInt64());
        Assert.Equal("minjun-kim", user.Str("login"));
        Assert.Equal("김민준", user.Str("name"));
        Assert.Equal("minjun.kim@example.com", user.Str("email"));
        Assert.True(user.Has("avatar_url"));
    }

    [Fact]
    public async Task Private_email_is_null_on_user_but_listed_primary_and_verified_in_emails()
    {
        var token = await AccessTokenAsync("jane");
        var (_, user) = await ApiAsync(Urls.UserInfoEndpoint, token);
        Assert.Equal(JsonValueKind.Null, user.GetProperty("email").ValueKind);
        var (_, emails) = await ApiAsync(Urls.EmailsEndpoint!, token);
        var entry = Assert.Single(emails.EnumerateArray());
        Assert.Equal("jane.doe@example.com", entry.Str("email"));
        Assert.True(entry.GetProperty("primary").GetBoolean());
        Assert.True(entry.GetProperty("verified").GetBoolean());
        Assert.Equal("private", entry.Str("visibility"));
    }

    [Fact]
    public async Task Person_without_email_has_null_email_and_an_empty_emails_list()
    {
        var token = await AccessTokenAsync("lee");
        Assert.Equal(JsonValueKind.Null, (await ApiAsync(Urls.UserInfoEndpoint, token)).Json.GetProperty("email").ValueKind);
        Assert.Empty((await ApiAsync(Urls.EmailsEndpoint!, token)).Json.EnumerateArray());
    }

    [Fact]
    public async Task Unverified_email_is_listed_with_verified_false()
    {
        var token = await AccessTokenAsync("park");
        Assert.Equal(JsonValueKind.Null, (await ApiAsync(Urls.UserInfoEndpoint, token)).Json.GetProperty("email").ValueKind);
        var entry = Assert.Single((await ApiAsync(Urls.EmailsEndpoint!, token)).Json.EnumerateArray());
        Assert.False(entry.GetProperty("verified").GetBoolean());
    }

    [Fact]
    public async Task Emails_are_not_found_without_the_user_email_scope_or_when_declined()
    {
        Assert.Equal(HttpStatusCode.NotFound, (await ApiAsync(Urls.EmailsEndpoint!, await AccessTokenAsync("jane", "read:user"))).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await ApiAsync(Urls.EmailsEndpoint!, await AccessTokenAsync("jane", decline: ["user:email"]))).Status);
    }

    [Fact]
    public async Task Api_without_a_user_agent_is_403()
    {
        using var response = await Browser.Http.GetWithBearerAsync(Urls.UserInfoEndpoint, await AccessTokenAsync());
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Contains("User-Agent", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Api_with_a_bad_token_is_401_bad_credentials()
    {
        var (status, json) = await ApiAsync(Urls.UserInfoEndpoint, "gho_nope");
        Assert.Equal(HttpStatusCode.Unauthorized, status);
        Assert.Equal("Bad credentials", json.Str("message"));
    }

    [Fact]
    public async Task Pkce_is_verified_when_a_challenge_was_sent()
    {
        var (verifier, challenge) = Api.Pkce();
        var code = await CodeAsync(extra: [("code_challenge", challenge), ("code_challenge_method", "S256")]);
        using var wrong = await TokenAsync(code, json: true, ("code_verifier", "wrong-verifier-wrong-verifier-wrong-verifier-x"));
        Assert.Equal("bad_verification_code", (await wrong.JsonAsync()).Str("error"));

        var again = await CodeAsync(extra: [("code_challenge", challenge), ("code_challenge_method", "S256")]);
        using var right = await TokenAsync(again, json: true, ("code_verifier", verifier));
        Assert.True((await right.JsonAsync()).Has("access_token"));
    }

    [Fact]
    public async Task Redirect_uri_at_token_must_match_when_sent()
    {
        using var response = await TokenAsync(await CodeAsync(), json: true, ("redirect_uri", "http://127.0.0.1:5000/other"));
        Assert.Equal("redirect_uri_mismatch", (await response.JsonAsync()).Str("error"));
    }
}
