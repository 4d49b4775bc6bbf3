namespace Daemun.Emulator;

/// <summary>Brand of an emulated provider as shown on its pages.</summary>
internal sealed record Brand(string Name, string Colour, string TextColour);
