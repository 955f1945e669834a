-- gh_ingest.lua - wrk script: signed Greenhouse candidate_stage_change
-- deliveries, each with a Greenhouse-Event-ID of its own.
--
-- Bodies and their signatures come from a file written by
-- gh_ingest_bodies.py, one "<hex hmac>\t<compact JSON>" line each (signing
-- in Lua would cost the load generator more than the server). Arguments
-- after "--": the file, a run tag that makes the event ids unique, the
-- line to start at (so that a run goes on where the last one stopped) and
-- wrk's thread count. Threads take turns through the lines, in order.
-- done() prints "GH_OK n" (answers that were exactly 200) and "GH_OTHER n".

local threads = {}
local bodies, sigs = {}, {}
local counter = 0
local offset, nthreads = 0, 1
ok, other = 0, 0	-- globals: done() reads them per thread
local tag = "run"

function setup(thread)
	thread:set("tid", #threads + 1)
	table.insert(threads, thread)
end

function init(args)
	local path = args[1] or error("gh_ingest.lua: give the bodies file")
	tag = args[2] or tag
	offset = tonumber(args[3] or "0")
	nthreads = tonumber(args[4] or "1")
	for line in io.lines(path) do
		local sig, body = line:match("^(%x+)\t(.*)$")
		if sig then
			sigs[#sigs + 1] = sig
			bodies[#bodies + 1] = body
		end
	end
	if #bodies == 0 then error("gh_ingest.lua: no bodies in " .. path) end
end

function request()
	counter = counter + 1
	local i = (offset + (counter - 1) * nthreads + tid - 1) % #bodies + 1
	return wrk.format("POST", nil, {
		["Content-Type"] = "application/json",
		["Signature"] = "sha256 " .. sigs[i],
		["Greenhouse-Event-ID"] = tag .. "-" .. tid .. "-" .. counter,
	}, bodies[i])
end

function response(status, headers, body)
	if status == 200 then ok = ok + 1 else other = other + 1 end
end

function done(summary, latency, requests)
	local o, n = 0, 0
	for _, t in ipairs(threads) do
		o = o + t:get("ok")
		n = n + t:get("other")
	end
	io.write(string.format("GH_OK %d\nGH_OTHER %d\n", o, n))
end
