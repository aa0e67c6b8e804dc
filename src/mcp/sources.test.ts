import { describe, expect, it } from 'vitest'
import { isPrivateHost } from './sources.js'

describe('isPrivateHost', () => {
  it('knows loopback, private, link-local and local names, in IPv4 and IPv6', () => {
    for (const host of ['localhost', 'api.localhost', '127.0.0.1', '10.1.2.3', '172.16.0.1', '172.31.255.255', '192.168.0.10', '169.254.169.254', '100.64.0.1', '0.0.0.0', '[::1]', '::', 'fd00::1', 'fe80::1', '::ffff:10.0.0.1', 'printer.local', 'db.internal']) {
      expect(isPrivateHost(host), host).toBe(true)
    }
  })

  it('lets public names and addresses through', () => {
    for (const host of ['example.com', 'cdn.raster.app', '8.8.8.8', '172.32.0.1', '192.169.0.1', '100.128.0.1', '2001:db8::1', 'localhost.example.com']) {
      expect(isPrivateHost(host), host).toBe(false)
    }
  })
})
