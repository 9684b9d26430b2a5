// Pays for a hold the way a fan's browser does: start payment through the API, then submit the
// stand-in's hosted checkout form with the test card that succeeds. The webhook does the rest.
export async function payThroughStandIn(baseUrl: string, cookie: string, reservationId: string): Promise<boolean> {
  const started = await fetch(`${baseUrl}/api/bookings/${reservationId}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', cookie },
    body: '{}',
  });
  if (started.status !== 200 && started.status !== 201) {
    await started.body?.cancel();
    return false;
  }
  const { checkoutUrl } = (await started.json()) as { checkoutUrl: string };
  const paid = await fetch(checkoutUrl, {
    method: 'POST',
    redirect: 'manual',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ email: 'fan@example.test', card: '4242 4242 4242 4242', expiry: '12 / 34', cvc: '123' }).toString(),
  });
  await paid.body?.cancel();
  return paid.status === 303;
}
