namespace Daemun.Emulator;

/// <summary>Gender as a test person gives it (Naver sends F/M/U, Kakao female/male).</summary>
public enum PersonGender
{
    /// <summary>Naver "U".</summary>
    Unspecified,
    /// <summary>Naver "F", Kakao "female".</summary>
    Female,
    /// <summary>Naver "M", Kakao "male".</summary>
    Male,
}
