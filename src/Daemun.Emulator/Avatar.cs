using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Daemun.Emulator;

/// <summary>Profile pictures drawn by the emulator, so that pages showing them load offline.</summary>
internal static class Avatar
{
    private static readonly string[] Colors = ["#2e7d32", "#1565c0", "#6a1b9a", "#c62828", "#ef6c00", "#00838f", "#4e342e"];

    /// <summary>A 128×128 circle with the person's initial; the provider's grey placeholder when <see cref="TestPerson.IsDefaultImage"/>.</summary>
    public static string Svg(TestPerson person)
    {
        if (person.IsDefaultImage)
            return """<svg xmlns="http://www.w3.org/2000/svg" width="128" height="128" viewBox="0 0 128 128"><circle cx="64" cy="64" r="64" fill="#cfd8dc"/><circle cx="64" cy="50" r="22" fill="#90a4ae"/><ellipse cx="64" cy="112" rx="40" ry="30" fill="#90a4ae"/></svg>""";
        var name = person.Name;
        var initial = new StringInfo(name).LengthInTextElements > 0 ? StringInfo.GetNextTextElement(name) : "?";
        var color = Colors[SHA256.HashData(Encoding.UTF8.GetBytes(person.Id))[0] % Colors.Length];
        return $"""<svg xmlns="http://www.w3.org/2000/svg" width="128" height="128" viewBox="0 0 128 128"><circle cx="64" cy="64" r="64" fill="{color}"/><text x="64" y="64" dy=".35em" text-anchor="middle" font-family="sans-serif" font-size="60" fill="#fff">{System.Security.SecurityElement.Escape(initial)}</text></svg>""";
    }
}
