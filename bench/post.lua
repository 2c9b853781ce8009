-- wrk: POST the form body given in BENCH_BODY (the answer submission of a quiz attempt).
wrk.method = "POST"
wrk.body = os.getenv("BENCH_BODY")
wrk.headers["Content-Type"] = "application/x-www-form-urlencoded"
