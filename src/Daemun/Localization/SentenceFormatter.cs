using System.Globalization;

namespace Daemun.Localization;

/// <summary>Formats page strings so that a name fits the sentence around it: <c>{0:은}</c>, <c>{0:을}</c>, <c>{0:로}</c> … choose the Korean
/// particle by the name's last syllable (<see cref="KoreanParticle"/>). Japanese particles and the French templates do not change with the name
/// (they are written so that a name stands after "avec", "compte" or as the subject), so only Korean needs this.
/// Any other placeholder is formatted as <see cref="string.Format(IFormatProvider, string, object[])"/> does with the invariant culture.</summary>
internal sealed class SentenceFormatter : IFormatProvider, ICustomFormatter
{
    public static SentenceFormatter Instance { get; } = new();

    public object? GetFormat(Type? formatType) => formatType == typeof(ICustomFormatter) ? this : null;

    public string Format(string? format, object? arg, IFormatProvider? formatProvider)
    {
        if (format is not null && arg is string word && KoreanParticle.IsParticle(format)) return KoreanParticle.Attach(word, format);
        return arg switch
        {
            IFormattable f => f.ToString(format, CultureInfo.InvariantCulture),
            null => "",
            _ => arg.ToString() ?? "",
        };
    }
}
