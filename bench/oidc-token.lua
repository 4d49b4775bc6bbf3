-- wrk script of bench/oidc.sh: every request is a client-credentials grant at the token endpoint, the client authenticated with
-- client_secret_basic (BENCH_BASIC = base64 of "client_id:client_secret", set by oidc.sh). The hello-world yardstick gets the same
-- request (it ignores the body), so both sides of the ratio send identical bytes.
wrk.method = "POST"
wrk.path = "/oidc/token"
wrk.headers["Content-Type"] = "application/x-www-form-urlencoded"
wrk.headers["Authorization"] = "Basic " .. os.getenv("BENCH_BASIC")
wrk.body = "grant_type=client_credentials&scope=daemun%3Aread"
