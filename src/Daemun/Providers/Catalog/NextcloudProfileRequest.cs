using System.Text.Json;

namespace Daemun.Providers;

/// <summary>Nextcloud's OCS API: JSON is asked for with <c>format=json</c> and the <c>OCS-APIRequest</c> header; the answer is
/// <c>{"ocs":{"meta":{"status":"ok",…},"data":{…}}}</c> and a failure says <c>status: "failure"</c> with its <c>statuscode</c>.</summary>
internal sealed class NextcloudProfileRequest : ProfileRequest
{
    public NextcloudProfileRequest()
    {
        Query = new Dictionary<string, string>(StringComparer.Ordinal) { ["format"] = "json" };
        Headers = new Dictionary<string, string>(StringComparer.Ordinal) { ["OCS-APIRequest"] = "true" };
    }

    public override string? Failure(JsonElement answer)
    {
        var meta = Json.Member(Json.Member(answer, "ocs"), "meta");
        var status = Json.Text(meta, "status");
        if (status is null) return "ocs_envelope_missing";
        return string.Equals(status, "ok", StringComparison.Ordinal) ? null : "ocs_" + (Json.Text(meta, "statuscode") ?? "failure");
    }

    public override JsonElement? Profile(JsonElement answer)
    {
        var data = Json.Member(Json.Member(answer, "ocs"), "data");
        return data.ValueKind == JsonValueKind.Object ? data : null;
    }
}
