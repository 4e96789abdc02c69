# jq_report.jq - the jq a user writes instead of sendhealth: Mailgun JSON Lines in, failures
# put in a category by a few regexes, counted per category, sending domain, recipient
# domain and day. `make bench` runs it as: jq -n -f bench/jq_report.jq FILE
def category($reason; $text):
  if ($reason | startswith("suppress-")) then "suppressed"
  elif $reason == "old" or $text == "Too old" then "expired"
  elif ($text | test("5\\.1\\.1|does not exist|mailbox unavailable|mailbox not found|no such user|user unknown|doesn't have a .* account"; "i")) then "recipient_invalid"
  elif ($text | test("5\\.2\\.2|out of storage|over quota|mailbox full"; "i")) then "mailbox_full"
  elif ($text | test("5\\.7\\.26|dmarc|spf|dkim|unauthenticated"; "i")) then "dns_auth"
  elif ($text | test("4\\.7\\.28|rate limit|unusual rate|deferred due to|TSS04"; "i")) then "rate_limit"
  elif ($text | test("block list|blocklist|spamhaus|reputation|\\(BL\\)|PTR"; "i")) then "reputation_block"
  elif ($text | test("5\\.7\\.9|policy reasons|5\\.7\\.1"; "i")) then "policy"
  else "unknown" end;

reduce inputs as $e ({};
  ($e.envelope.sender // "" | split("@") | last | ascii_downcase) as $dom
  | .totals[$e.event] += 1
  | if $e.event != "failed" then .domains[$dom][$e.event] += 1
    else
      ($e["delivery-status"] // {}) as $ds
      | ($ds.message // $ds.description // "") as $text
      | category($e.reason // ""; $text) as $cat
      | ($e.recipient // "" | split("@") | last | ascii_downcase) as $rdom
      | ($e.timestamp | floor | strftime("%Y-%m-%d")) as $day
      | .categories[$cat] += 1
      | .domains[$dom][$cat] += 1
      | .recipient_domains[$rdom][$cat] += 1
      | .daily[$day][$cat] += 1
      | .totals[$e.severity // "unknown"] += 1
      | if $cat == "recipient_invalid" and $e.severity == "permanent"
        then .invalid[$e.recipient | ascii_downcase] = true else . end
    end)
| .invalid_addresses = (.invalid // {} | length) | del(.invalid)
