/**
 * What `hbsim init` writes: a small scenario that runs as is, with the commonly changed
 * settings shown commented out at their defaults. Full reference: docs/scenario.md.
 */
export const STARTER_SCENARIO_YAML = `# An hbsim scenario. Check it with \`hbsim validate FILE\`, run it with \`hbsim run FILE\`.
# Every field, its default and the default's source: docs/scenario.md.
# Durations: seconds or "250ms" "30s" "4.5m" "2h" "1d" "1h30m". Rates: per hour or "3/h" "1/d".
name: my-scenario
description: What does a 5-min NAT cost GCM's 28-min heartbeat, compared with a 4.5-min one?
# seed: 1
# duration: 1d               # the measured window; a warm-up is simulated before it
analysis: steady-state       # or terminating: the whole horizon counts (e.g. first day after install)
# warmup: 2h                 # default: chosen by MSER-5 on pilot runs (up to warmupLimit, 2 x duration)
replications: 5              # 5+ give usable 95% confidence intervals
# baseline: <first strategy>

carriers:
  - lte-5min                 # presets: hbsim list presets
  # - name: my-carrier
  #   kind: cellular
  #   radio: lte             # or { preset: lte, idlePowerW: 0.02, ... }
  #   nat:
  #     idleTimeout: { dist: uniform, min: 10m, max: 30m }   # or a bare duration
  #     refreshOn: both      # or outbound
  #     expiredPacket: drop  # or rst
  #   rtt: 100ms

groups:
  - name: phones
    count: 1000
    carrier: lte-5min
    # architecture: system-channel   # per-app | system-channel | polling | sms-wakeup
    # apps:
    #   - { name: chat, pushRatePerHour: 4 }
    # battery: { preset: current-phone }   # or haverinen-2007, or { capacityMah: 4200, voltageV: 3.87 }

# server:
#   keepalive: { factor: 1.5 }       # or { fixed: 20m }
#   pushAckTimeout: 60s
#   messageTtl: 28d

strategies:                  # every strategy runs on the same world
  - gcm
  - { name: fixed-4.5min, type: fixed, params: { intervalS: 4.5m } }

# events:
#   - { type: nat-reset, at: 8h, carrier: lte-5min }

# output:
#   bucket: 60s
#   charts: true
`;
