"""The user's own API tokens: list, create (the token is in the answer once), revoke."""

from drf_spectacular.utils import extend_schema
from rest_framework import exceptions, generics, status
from rest_framework.response import Response

from ..models import ApiToken
from ..selectors import user_token_get, user_tokens
from ..serializers import NewTokenSerializer, TokenInput, TokenSerializer
from ..tokens import api_token_create, api_token_revoke


class TokenList(generics.ListAPIView):
    """The signed-in user's tokens, newest first: name, beginning, last use, expiry; never the token itself."""

    serializer_class = TokenSerializer

    def get_queryset(self):
        return user_tokens(user=self.request.user)

    @extend_schema(request=TokenInput, responses={201: NewTokenSerializer})
    def post(self, request):
        """A new token, valid `days` days (90 unless said); its value is in this answer only."""
        serializer = TokenInput(data=request.data)
        serializer.is_valid(raise_exception=True)
        made = api_token_create(user=request.user, **serializer.validated_data)
        data = {**TokenSerializer(made.token).data, "token": made.raw}
        return Response(data, status=status.HTTP_201_CREATED)


class TokenDetail(generics.GenericAPIView):
    serializer_class = TokenSerializer

    def _token(self, request, pk: int) -> ApiToken:
        try:
            return user_token_get(user=request.user, token_id=pk)
        except ApiToken.DoesNotExist as missing:
            raise exceptions.NotFound from missing

    def get(self, request, pk: int):
        return Response(self.get_serializer(self._token(request, pk)).data)

    @extend_schema(responses={204: None})
    def delete(self, request, pk: int):
        """Revoke the token: from now on it gets 401. It stays listed, marked revoked."""
        api_token_revoke(token=self._token(request, pk))
        return Response(status=status.HTTP_204_NO_CONTENT)
