// The app of the fixture: it calls Raster as any app would, unaware of the mock.
const headers = { Authorization: 'Bearer pk_monogram_write', 'Api-Version': '2026-05-20' }

export async function render() {
  const me = await fetch('https://api.raster.app/me', { headers }).then((response) => response.json())
  const assets = await fetch('https://api.raster.app/organizations/monogram-labs/libraries/barcelona/assets?pageSize=1', { headers })
    .then((response) => response.json())
  document.querySelector('#first').src = assets.data[0].thumbUrl
  document.querySelector('#organization').textContent = me.data.organizationName
}
