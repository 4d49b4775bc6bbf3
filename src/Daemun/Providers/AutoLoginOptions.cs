namespace Daemun.Providers;

/// <summary>Sign-in without a click inside the provider's own app (naver.md §1: <c>auth_type=autologin</c> in the Naver app).</summary>
/// <param name="UserAgentMarker">Text the app's User-Agent contains (Naver: <c>NAVER(inapp; search;</c>); the sign-in page then starts this provider at once.</param>
/// <param name="Parameters">Authorization parameters of that automatic attempt (Naver: <c>auth_type=autologin</c>).</param>
/// <param name="FallbackError">The callback error meaning "not possible here" (Naver: <c>access_denied</c>, whatever its description): the person
/// is sent back to the normal sign-in page without a notice.</param>
public sealed record AutoLoginOptions(string UserAgentMarker, IReadOnlyDictionary<string, string> Parameters, string FallbackError = "access_denied");
