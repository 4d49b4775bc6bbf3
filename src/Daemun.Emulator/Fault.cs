namespace Daemun.Emulator;

/// <summary>A broken response an endpoint can be told to give.</summary>
public enum Fault
{
    /// <summary>Normal behaviour.</summary>
    None,
    /// <summary>500 with a JSON error body in the provider's error shape.</summary>
    ServerError,
    /// <summary>503 with a JSON error body and Retry-After.</summary>
    ServiceUnavailable,
    /// <summary>200 text/html page instead of JSON.</summary>
    Html,
    /// <summary>200 application/json with truncated JSON.</summary>
    MalformedJson,
    /// <summary>200 with no body.</summary>
    EmptyBody,
    /// <summary>Holds the request for <see cref="EmulatorOptions.TimeoutFaultDelay"/> or until it is aborted, then 504.</summary>
    Timeout,
    /// <summary>401 with Naver resultcode 024.</summary>
    NaverAuthFailed,
    /// <summary>401 with Naver resultcode 028.</summary>
    NaverNoAuthHeader,
    /// <summary>401 with Kakao code -401.</summary>
    KakaoInvalidToken,
    /// <summary>200 application/json body of 5 MB.</summary>
    OversizedBody,
}
