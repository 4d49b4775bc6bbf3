namespace Daemun.Emulator;

/// <summary>The two tenants the emulated Microsoft Entra ID signs people in from: a work tenant (the person <c>kim</c>, a work account) and
/// the consumers tenant (everyone else, personal Microsoft accounts).</summary>
public static class EntraTenants
{
    /// <summary>The emulated work tenant's id.</summary>
    public const string Work = "72f988bf-86f1-41af-91ab-2d7cd011db47";

    /// <summary>The consumers tenant (personal Microsoft accounts), as Entra writes it.</summary>
    public const string Consumers = "9188040d-6c67-4c5b-b112-36a304b66dad";

    /// <summary>The person signing in with a work account; every other test person has a personal account.</summary>
    public const string WorkPerson = "kim";

    /// <summary>The tenant a test person's account lives in.</summary>
    public static string Of(TestPerson person) => person.Id == WorkPerson ? Work : Consumers;
}
