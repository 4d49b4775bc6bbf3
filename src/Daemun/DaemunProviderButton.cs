using Daemun.Providers;

namespace Daemun;

/// <summary>One provider's sign-in button for an app's own page: its id, display name and label in the request's language, where its form
/// posts, and the brand style (background, text colour, logo SVG, border).</summary>
public sealed record DaemunProviderButton(string Id, string Name, string Label, string SignInPath, BrandStyle Style);
