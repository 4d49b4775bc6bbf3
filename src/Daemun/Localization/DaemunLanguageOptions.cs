namespace Daemun.Localization;

/// <summary>Language settings (configuration section <c>Daemun</c>).</summary>
public sealed class DaemunLanguageOptions
{
    /// <summary>The language of pages when neither <c>lang</c>, the <c>daemun.lang</c> cookie nor Accept-Language names one there is a file for (default <c>ko</c>).</summary>
    public string DefaultLanguage { get; set; } = "ko";
}
