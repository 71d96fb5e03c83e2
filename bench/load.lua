-- load.lua: the wrk script of bench/load.sh. One wrk process per page type;
-- LW_KIND says which:
--   home      GET / with random filters (unit, content, audience, mode, date, q, page)
--   activity  GET /a/:id, a random published activity (ids in LW_ACTS, one a line)
--   ics       GET /calendar.ics with a random unit, content item and day
--   edit      POST /activities/:id, the activity form of the thread's unit
--             (in week LW_EDIT_WEEK on day LW_EDIT_DAY)
--   upload    POST /activities/:id/photos, a PNG, multipart (with LW_RANDOM_PNG
--             a new file each time: the PNG with the thread and a count after it)
--   centre    GET the centre's pages in turn (LW_PATHS, comma-separated)
-- The date filters take a day of the current week: LW_DAYS, comma-separated
-- (lib.sh's week_days prints them).
-- LW_URL_LOG: a path prefix; each thread of the public kinds appends the URL
-- of each request to PREFIX.KIND.THREAD, one a line (how many differ).
-- LW_THINK_MS: the mean pause of each connection between an answer and its
-- next request (uniform from 0 to twice it; wrk's delay()), so that the load
-- is a stated arrival rate, as people make it; 0 or unset: none (saturation).
-- Unit threads (edit, upload) each take one line of LW_ACCOUNTS
-- ("cookie csrf unit activity", one signed-in unit admin a line), so -t 13
-- is 13 accounts working at once. Each thread counts the answers that are not
-- what the page type must answer (200, or 303 for a form that saved), and
-- those that are (for a write: acknowledged); done() prints one line: kind
-- requests seconds req/s p50_ms p99_ms max_ms errors answered_as_expected.
local kind = os.getenv("LW_KIND") or "home"
local threads = {}
local counter = 0

function setup(thread)
	counter = counter + 1
	thread:set("tid", counter)
	table.insert(threads, thread)
end

local function lines(path)
	local t = {}
	for l in io.lines(path) do
		if l ~= "" then table.insert(t, l) end
	end
	return t
end

local function split(s, sep)
	local t = {}
	for p in string.gmatch(s, "([^" .. sep .. "]+)") do table.insert(t, p) end
	return t
end

local acts, units, paths, me, png, days
local audiences = {"%E8%80%81%E5%B9%B4%E4%BA%BA%E7%BE%A4", "%E5%9F%8E%E4%B9%A1%E7%A4%BE%E5%8C%BA%E5%B1%85%E6%B0%91",
	"%E4%BC%81%E4%B8%9A%E8%81%8C%E5%B7%A5", "%E9%9D%92%E5%B0%91%E5%B9%B4"}
local words = {"%E8%AF%BB%E4%B9%A6", "%E5%8A%A9%E8%80%81", "%E8%AE%B2%E5%BA%A7", "%E7%AC%AC12%E5%9C%BA"}
local boundary = "----lwloadboundary9d3f"
-- the week the clerks' activities are in (LW_EDIT_WEEK, LW_EDIT_DAY): the
-- demo's 2022 week unless load.sh -l gives the live one
local edit_week = os.getenv("LW_EDIT_WEEK") or "1"
local edit_day = os.getenv("LW_EDIT_DAY") or "2022-12-02"
local expect = 200
local unique = os.getenv("LW_RANDOM_PNG") ~= nil
wrong = 0
right = 0
seq = 0

function init(args)
	math.randomseed(os.time() * 1000 + (tid or 0))
	units = split(os.getenv("LW_UNITS") or "2", ",")
	days = split(assert(os.getenv("LW_DAYS"), "LW_DAYS: the days of the current week"), ",")
	if kind == "activity" then
		acts = lines(os.getenv("LW_ACTS"))
	end
	if kind == "centre" then
		paths = split(os.getenv("LW_PATHS"), ",")
	end
	local prefix = os.getenv("LW_URL_LOG")
	if prefix and (kind == "home" or kind == "activity" or kind == "ics") then
		urllog = io.open(prefix .. "." .. kind .. "." .. tid, "w")
		-- wrk ends without closing its scripts' files: a line at a time
		if urllog then urllog:setvbuf("line") end
	end
	if kind == "edit" or kind == "upload" then
		local all = lines(os.getenv("LW_ACCOUNTS"))
		me = split(all[((tid - 1) % #all) + 1], " ")
		expect = 303
	end
	if kind == "upload" then
		local f = assert(io.open(os.getenv("LW_PNG"), "rb"))
		png = f:read("*a")
		f:close()
	end
end

local function pick(t) return t[math.random(#t)] end

urllog = nil -- set by init (a global: init is defined above)
local function logged(req, path)
	if urllog then urllog:write(path, "\n") end
	return req
end

local think = tonumber(os.getenv("LW_THINK_MS") or "0") or 0
if think > 0 then
	function delay() return math.random(0, 2 * think) end
end

function request()
	seq = seq + 1
	if kind == "home" then
		local q = {}
		if math.random() < 0.7 then table.insert(q, "unit=" .. pick(units)) end
		if math.random() < 0.5 then table.insert(q, "content=" .. math.random(6)) end
		if math.random() < 0.3 then table.insert(q, "audience=" .. pick(audiences)) end
		if math.random() < 0.3 then table.insert(q, "mode=" .. pick({"online", "offline"})) end
		if math.random() < 0.5 then table.insert(q, "date=" .. pick(days)) end
		if math.random() < 0.2 then table.insert(q, "q=" .. pick(words)) end
		-- a later page only of a wide list (a narrow one has no page 5: 404)
		if #q == 0 and math.random() < 0.5 then table.insert(q, "page=" .. math.random(5)) end
		local path = "/?" .. table.concat(q, "&")
		return logged(wrk.format("GET", path), path)
	elseif kind == "activity" then
		local path = "/a/" .. pick(acts)
		return logged(wrk.format("GET", path), path)
	elseif kind == "ics" then
		-- narrow enough for one feed (at most 1000 activities, or 400)
		local path = "/calendar.ics?unit=" .. pick(units) .. "&content=" .. math.random(6) .. "&date=" .. pick(days)
		return logged(wrk.format("GET", path), path)
	elseif kind == "centre" then
		return wrk.format("GET", paths[(seq % #paths) + 1], {["Cookie"] = "lw_s=" .. os.getenv("LW_CENTRE")})
	elseif kind == "edit" then
		local body = "_csrf=" .. me[2] .. "&week=" .. edit_week .. "&title=%E8%B4%9F%E8%BD%BD%E6%B5%8B%E8%AF%95%E6%B4%BB%E5%8A%A8" .. tid .. "-" .. seq ..
			"&host=%E7%A4%BE%E5%8C%BA%E6%95%99%E8%82%B2%E5%AD%A6%E9%99%A2&mode=offline&venue=%E7%A4%BC%E5%A0%82" ..
			"&starts_at=" .. edit_day .. "T09:00&ends_at=" .. edit_day .. "T11:00&content=1&content=6" ..
			"&description=%E5%8E%8B%E5%8A%9B%E6%B5%8B%E8%AF%95" .. seq .. "&publish=1"
		return wrk.format("POST", "/activities/" .. me[4], {["Cookie"] = "lw_s=" .. me[1],
			["Content-Type"] = "application/x-www-form-urlencoded"}, body)
	else
		local body = "--" .. boundary .. "\r\nContent-Disposition: form-data; name=\"_csrf\"\r\n\r\n" .. me[2] .. "\r\n" ..
			"--" .. boundary .. "\r\nContent-Disposition: form-data; name=\"photo\"; filename=\"load-" .. tid .. "-" .. seq ..
			".png\"\r\nContent-Type: image/png\r\n\r\n" .. png .. (unique and (tid .. "-" .. seq .. "-" .. os.time()) or "") ..
			"\r\n--" .. boundary .. "--\r\n"
		return wrk.format("POST", "/activities/" .. me[4] .. "/photos", {["Cookie"] = "lw_s=" .. me[1],
			["Content-Type"] = "multipart/form-data; boundary=" .. boundary}, body)
	end
end

function response(status, headers, body)
	if status == expect then right = right + 1 end
	if status ~= expect then
		wrong = wrong + 1
		if wrong <= 3 then
			io.stderr:write(kind .. ": answered " .. status .. " (expected " .. expect .. ")\n")
		end
	end
end

function done(summary, latency, requests)
	local bad, good = 0, 0
	for _, t in ipairs(threads) do
		bad = bad + (t:get("wrong") or 0)
		good = good + (t:get("right") or 0)
	end
	local e = summary.errors
	local sock = e.connect + e.read + e.write + e.timeout
	local secs = summary.duration / 1e6
	io.write(string.format("%-9s %9d %7.1f %9.1f %9.2f %9.2f %9.2f %6d %d\n", kind, summary.requests, secs,
		summary.requests / secs, latency:percentile(50) / 1000, latency:percentile(99) / 1000, latency.max / 1000,
		bad + sock, good))
end
