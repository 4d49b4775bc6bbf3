using System.Text;
using System.Text.Encodings.Web;
using System.Text.Unicode;

namespace Daemun.Emulator;

/// <summary>The HTML a person sees: the consent page and the provider's own error pages.</summary>
internal static class ConsentPage
{
    private const string Style = """
        *{box-sizing:border-box}body{margin:0;font-family:system-ui,-apple-system,"Apple SD Gothic Neo","Malgun Gothic",sans-serif;background:#f4f5f7;color:#1f2328}
        .banner{background:#b42318;color:#fff;text-align:center;padding:8px 12px;font-weight:600;letter-spacing:.02em}
        main{max-width:440px;margin:32px auto;background:#fff;border-radius:12px;box-shadow:0 2px 12px rgba(0,0,0,.08);overflow:hidden}
        header{padding:18px 24px;font-size:1.25rem;font-weight:700}
        section{padding:16px 24px}p{margin:0 0 12px;line-height:1.5}
        fieldset{border:1px solid #d0d7de;border-radius:8px;margin:0 0 16px;padding:8px 12px}legend{font-weight:600;padding:0 4px}
        label{display:flex;gap:10px;align-items:center;padding:6px 0;cursor:pointer}
        .who{display:flex;flex-direction:column}.email{color:#57606a;font-size:.9em}
        .buttons{display:flex;gap:8px}button{flex:1;padding:12px;border-radius:8px;font-size:1rem;font-weight:600;cursor:pointer;border:1px solid #d0d7de;background:#fff}
        code{background:#f0f1f3;padding:1px 4px;border-radius:4px}
        """;

    private static readonly HtmlEncoder Encoder = HtmlEncoder.Create(UnicodeRanges.All);

    private const string Banner = "EMULATOR — not the real provider · 에뮬레이터 (실제 서비스가 아닙니다)";

    /// <summary>The consent page; <paramref name="locked"/> items (declined before by <paramref name="signedIn"/>) are shown declined and cannot be shared.</summary>
    public static string Render(Brand brand, string provider, PendingAuthorization request, IEnumerable<TestPerson> people, IEnumerable<string> items,
        string? signedIn = null, IReadOnlySet<string>? locked = null, bool reauthenticate = false, string? notice = null)
    {
        var e = Encoder;
        var sb = new StringBuilder();
        Open(sb, brand, $"{brand.Name} 로그인 / Sign in");
        sb.Append("<section>");
        if (reauthenticate)
            sb.Append("<p class=\"reauth\" role=\"alert\"><strong>비밀번호 다시 입력 / Re-enter password (emulated)</strong> — ")
              .Append("the app asked for the password again; allowing counts as a fresh login.</p>");
        sb.Append("<p><code>").Append(e.Encode(request.Client.ClientId))
          .Append("</code> 앱이 로그인을 요청합니다. / wants you to sign in.</p>");
        if (notice is not null) sb.Append("<p class=\"notice\">").Append(e.Encode(notice)).Append("</p>");
        sb
          .Append("<form method=\"post\" action=\"/").Append(e.Encode(provider)).Append("/consent\">")
          .Append("<input type=\"hidden\" name=\"request_id\" value=\"").Append(e.Encode(request.Id)).Append("\">")
          .Append("<fieldset><legend>계정 선택 / Sign in as</legend>");
        var list = people.ToList();
        var preselected = list.FirstOrDefault()?.Id;
        foreach (var person in list)
        {
            sb.Append("<label><input type=\"radio\" name=\"person\" value=\"").Append(e.Encode(person.Id)).Append('"')
              .Append(person.Id == preselected ? " checked" : "").Append("><span class=\"who\"><span>").Append(e.Encode(person.Name))
              .Append("</span><span class=\"email\">").Append(e.Encode(person.Email ?? "(이메일 없음 / no email)")).Append("</span></span></label>");
        }
        sb.Append("</fieldset>");
        var itemList = items.ToList();
        if (itemList.Count > 0)
        {
            sb.Append("<fieldset><legend>제공하지 않을 항목 / Decline (checked = not shared)</legend>");
            foreach (var item in itemList)
            {
                var keep = locked?.Contains(item) == true;
                sb.Append("<label><input type=\"checkbox\" name=\"decline\" value=\"").Append(e.Encode(item)).Append('"')
                  .Append(keep ? " checked disabled" : "").Append("> ").Append(e.Encode(item))
                  .Append(keep ? " (이전에 거부함 / declined before)" : "").Append("</label>");
            }
            if (locked is { Count: > 0 })
                sb.Append("<p class=\"email\">").Append(e.Encode(signedIn ?? ""))
                  .Append(": 이전에 거부한 항목은 다시 동의를 요청해야 제공됩니다. / items declined before stay declined until the app asks again.</p>");
            sb.Append("</fieldset>");
        }
        sb.Append("<div class=\"buttons\">")
          .Append("<button type=\"submit\" name=\"decision\" value=\"allow\" style=\"background:").Append(brand.Colour)
          .Append(";color:").Append(brand.TextColour).Append(";border-color:").Append(brand.Colour).Append("\">동의하기 / Allow</button>")
          .Append("<button type=\"submit\" name=\"decision\" value=\"cancel\">취소 / Cancel</button>")
          .Append("</div></form></section>");
        Close(sb);
        return sb.ToString();
    }

    /// <summary>An error page the provider shows instead of redirecting (unknown client, unregistered redirect_uri, …).</summary>
    public static string Error(Brand brand, string title, string message)
    {
        var e = Encoder;
        var sb = new StringBuilder();
        Open(sb, brand, $"{brand.Name} — {title}");
        sb.Append("<section><h2>").Append(e.Encode(title)).Append("</h2><p>").Append(e.Encode(message)).Append("</p></section>");
        Close(sb);
        return sb.ToString();
    }

    private static void Open(StringBuilder sb, Brand brand, string title)
    {
        var e = Encoder;
        sb.Append("<!doctype html><html lang=\"ko\"><head><meta charset=\"utf-8\">")
          .Append("<meta name=\"viewport\" content=\"width=device-width,initial-scale=1\"><title>").Append(e.Encode(title))
          .Append(" (emulator)</title><style>").Append(Style).Append("</style></head><body>")
          .Append("<div class=\"banner\">").Append(e.Encode(Banner)).Append("</div><main>")
          .Append("<header style=\"background:").Append(brand.Colour).Append(";color:").Append(brand.TextColour).Append("\">")
          .Append(e.Encode(brand.Name)).Append("</header>");
    }

    private static void Close(StringBuilder sb) => sb.Append("</main></body></html>");
}
