using OidcBench;

// bench/oidc.sh's helper. Modes:
//   hello --urls http://127.0.0.1:PORT         a Kestrel hello-world (GET / → "Hello World!"): the yardstick measured in the same run
//   flows --base URL --mode oidc|signin …        complete sign-ins through the emulator, timed, with the server's CPU from /proc
//   crypto                                       single-thread cost of the primitives a grant and a sign-in pay for
var mode = args.Length > 0 ? args[0] : "";
var options = Arguments.Parse(args.Skip(1));
return mode switch
{
    "hello" => await HelloServer.RunAsync(options),
    "flows" => await FlowRun.RunAsync(options),
    "crypto" => CryptoCosts.Run(options),
    _ => Usage(),
};

static int Usage()
{
    Console.Error.WriteLine("usage: OidcBench hello --urls URL | flows --base URL --mode oidc|signin [options] | crypto");
    return 2;
}
