using System.Collections.Frozen;
using System.Text.Json;

namespace Daemun.Localization;

/// <summary>Korean particles that change with the word before them (카카오는, 구글은, 네이버를, 깃허브로): the form is chosen by whether the
/// last syllable, as read aloud, ends in a consonant (and, for 으로/로, whether that consonant is ㄹ). Hangul is read exactly; a name in
/// Latin letters is read through <c>Localization/KoreanReadings.json</c> (GitHub → 깃허브), else by how English words usually end.</summary>
internal static class KoreanParticle
{
    /// <summary>The particles a template may write after a placeholder (<c>{0:은}</c>), each as (after a final consonant, after a vowel).</summary>
    private static readonly FrozenDictionary<string, (string Consonant, string Vowel)> Pairs = new Dictionary<string, (string, string)>(StringComparer.Ordinal)
    {
        ["은"] = ("은", "는"), ["는"] = ("은", "는"),
        ["이"] = ("이", "가"), ["가"] = ("이", "가"),
        ["을"] = ("을", "를"), ["를"] = ("을", "를"),
        ["과"] = ("과", "와"), ["와"] = ("과", "와"),
        ["으로"] = ("으로", "로"), ["로"] = ("으로", "로"),
    }.ToFrozenDictionary(StringComparer.Ordinal);

    private static readonly FrozenDictionary<string, string> Readings = LoadReadings();

    /// <summary>Whether <paramref name="name"/> has a Korean reading in <c>KoreanReadings.json</c>.</summary>
    public static bool HasReading(string name) => Readings.ContainsKey(name);

    /// <summary>Whether <paramref name="particle"/> is one this class chooses the form of.</summary>
    public static bool IsParticle(string particle) => Pairs.ContainsKey(particle);

    /// <summary><paramref name="word"/> followed by the right form of <paramref name="particle"/> (written either way: 은 or 는).</summary>
    public static string Attach(string word, string particle)
    {
        var (consonant, vowel) = Pairs[particle];
        var ending = FinalSound(word);
        var useConsonantForm = particle is "으로" or "로" ? ending is Ending.Consonant : ending is not Ending.Vowel;
        return word + (useConsonantForm ? consonant : vowel);
    }

    /// <summary>How <paramref name="word"/> ends when read aloud in Korean.</summary>
    internal static Ending FinalSound(string word)
    {
        var text = word.TrimEnd();
        if (Readings.TryGetValue(text, out var reading)) text = reading;
        for (var i = text.Length - 1; i >= 0; i--)
        {
            var c = text[i];
            if (c is >= '\uAC00' and <= '\uD7A3')
            {
                var final = (c - 0xAC00) % 28;
                return final == 0 ? Ending.Vowel : final == 8 ? Ending.Rieul : Ending.Consonant;
            }
            if (char.IsAsciiDigit(c)) return Digit(c);
            if (char.IsAsciiLetter(c)) return Latin(text[..(i + 1)]);
        }
        return Ending.Vowel;
    }

    /// <summary>Digits as Korean numbers are read: 1 일, 3 삼, 6 육, 7 칠, 8 팔, 0 영 end in consonants.</summary>
    private static Ending Digit(char c) => c switch
    {
        '1' or '7' or '8' => Ending.Rieul,
        '0' or '3' or '6' => Ending.Consonant,
        _ => Ending.Vowel,
    };

    /// <summary>An English-looking word as Korean loanwords usually end: -l/-le → ㄹ (메일, 애플); -m, -n, -ng, -ck/-k, -p after a short vowel → a
    /// consonant (줌, 라인, 링, 슬랙, 랩); most others end in a vowel sound (-s 스, -x 엑스, -t 트, -r 터, -y 이, -d 드).</summary>
    private static Ending Latin(string text)
    {
        var w = text.ToLowerInvariant();
        if (w.Length == 1) return w is "l" ? Ending.Rieul : w is "m" or "n" ? Ending.Consonant : Ending.Vowel; // 엘, 엠, 엔; 엑스, 비, …
        if (w.EndsWith('l') || w.EndsWith("le", StringComparison.Ordinal)) return Ending.Rieul;
        if (w.EndsWith('m') || w.EndsWith('n') || w.EndsWith("ng", StringComparison.Ordinal) || w.EndsWith("ck", StringComparison.Ordinal)
            || w.EndsWith("ine", StringComparison.Ordinal) || w.EndsWith("one", StringComparison.Ordinal) || w.EndsWith("ome", StringComparison.Ordinal))
        {
            return Ending.Consonant;
        }
        if ((w.EndsWith('k') || w.EndsWith('p') || w.EndsWith('b')) && w.Length >= 2 && w[^2] is 'a' or 'o' or 'e' or 'i') return Ending.Consonant; // 북, 랩, 톡
        return Ending.Vowel;
    }

    private static FrozenDictionary<string, string> LoadReadings()
    {
        using var stream = typeof(KoreanParticle).Assembly.GetManifestResourceStream("Daemun.Localization.KoreanReadings.json");
        if (stream is null) return FrozenDictionary<string, string>.Empty;
        var readings = JsonSerializer.Deserialize<Dictionary<string, string>>(stream) ?? [];
        return readings.ToFrozenDictionary(StringComparer.Ordinal);
    }

    /// <summary>How a word ends when read aloud.</summary>
    internal enum Ending
    {
        Vowel,
        Consonant,
        Rieul,
    }
}
