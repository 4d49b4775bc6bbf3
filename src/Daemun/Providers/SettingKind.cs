namespace Daemun.Providers;

/// <summary>What kind of value a <see cref="ProviderSetting"/> takes in configuration, as the documentation shows it.</summary>
internal enum SettingKind
{
    /// <summary>Free text.</summary>
    Text,
    /// <summary>A credential: never shown, never logged.</summary>
    Secret,
    /// <summary>An absolute https URL (http only on loopback).</summary>
    Url,
    /// <summary><c>true</c> or <c>false</c>.</summary>
    Bool,
    /// <summary>A whole number.</summary>
    Number,
    /// <summary>Items separated by spaces or commas, or a JSON array.</summary>
    List,
    /// <summary>One of a closed set of words.</summary>
    Choice,
    /// <summary>A section of named values.</summary>
    Section,
}
