/**
 * Sizes of the transfers a push connection makes, in bytes as the radio's RLC buffer sees
 * them (the larger direction of the exchange). They matter only on a 3G radio with FACH
 * rules (RadioConfig.fach), where a transfer no larger than the FACH threshold (ARO: 543 B
 * uplink, 475 B downlink) stays on the shared FACH channel.
 *
 * [A] A heartbeat is one small IP packet each way: an MQTT PINGREQ (2 B, MQTT 3.1.1
 * §3.12) or a GCM/MCS heartbeat (a few bytes of protobuf) inside a TLS record (≈ 29 B of (sources: mqtt-3.1.1)
 * header and AEAD tag) and TCP/IP headers with timestamps (52 B) ≈ 85 B; rounded up to
 * 100 B. Every other transfer (a connect's TLS handshake with its certificate chain, a push
 * with its payload, a poll, user traffic) is taken to exceed the threshold and is passed
 * without a size.
 */
export const HEARTBEAT_BYTES = 100;
